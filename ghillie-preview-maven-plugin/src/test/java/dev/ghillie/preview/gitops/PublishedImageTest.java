package dev.ghillie.preview.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pushed image a preview is pinned to, read from preview:image's image.json; anything else is one line saying how to push. */
class PublishedImageTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @TempDir
    Path work;

    @Test
    void aRegistryImageGivesItsRepositoryAndDigest() throws IOException {
        Path json = imageJson("registry.example.test:5000/team/app:1.0-0123456789ab", DIGEST, "registry");

        assertThat(PublishedImage.read(json))
                .isEqualTo(new PublishedImage("registry.example.test:5000/team/app", DIGEST));
    }

    /** What {@code ImageResult.toJson} writes for a pushed image, field for field. */
    @Test
    void readsTheFileAsPreviewImageWritesIt() throws IOException {
        Path json = Files.writeString(work.resolve("image.json"), """
                {
                  "reference": "registry.example.test/team/app:1.0-0123456789ab",
                  "digest": "%s",
                  "imageId": "sha256:%s",
                  "tags": ["1.0-0123456789ab", "1.0"],
                  "target": "registry",
                  "tar": null
                }
                """.formatted(DIGEST, "cd".repeat(32)));

        assertThat(PublishedImage.read(json)).isEqualTo(new PublishedImage("registry.example.test/team/app", DIGEST));
    }

    @Test
    void noImageJsonSaysHowToPushOne() {
        Path missing = work.resolve("target/ghillie-preview/image.json");

        assertOneLine(
                () -> PublishedImage.read(missing),
                "No pushed image: " + missing + " does not exist",
                "-Dghillie.preview.imageTarget=registry");
    }

    @Test
    void aTarImageStaysOnThisMachine() throws IOException {
        Path json = imageJson("app:1.0", DIGEST, "tar");

        assertOneLine(
                () -> PublishedImage.read(json),
                "built for target 'tar', which stays on this machine",
                "-Dghillie.preview.imageTarget=registry");
    }

    @Test
    void aDockerDaemonImageStaysOnThisMachine() throws IOException {
        Path json = imageJson("app:1.0", DIGEST, "docker");

        assertOneLine(
                () -> PublishedImage.read(json),
                "built for target 'docker', which stays on this machine",
                "-Dghillie.preview.imageTarget=registry");
    }

    @Test
    void badJsonIsOneLine() throws IOException {
        Path json = Files.writeString(work.resolve("image.json"), "{\"reference\": \"app:1.0\",\n oops\n}");

        assertOneLine(
                () -> PublishedImage.read(json),
                json + " cannot be read as JSON (",
                "-Dghillie.preview.imageTarget=registry");
    }

    @Test
    void noDigestOrReferenceIsRefused() throws IOException {
        Path noDigest = imageJson("registry.example.test/app:1.0", "", "registry");
        assertOneLine(
                () -> PublishedImage.read(noDigest),
                "holds no image reference and sha256 digest",
                "-Dghillie.preview.imageTarget=registry");

        Path shortDigest = imageJson("registry.example.test/app:1.0", "sha256:abc", "registry");
        assertOneLine(
                () -> PublishedImage.read(shortDigest),
                "holds no image reference and sha256 digest",
                "ghillie.preview.imageTarget");

        Path noReference = imageJson("", DIGEST, "registry");
        assertOneLine(
                () -> PublishedImage.read(noReference),
                "holds no image reference and sha256 digest",
                "ghillie.preview.imageTarget");
    }

    @Test
    void theRepositoryIsTheReferenceWithoutTagOrDigest() {
        assertThat(PublishedImage.repositoryOf("host:5000/a/b:tag")).isEqualTo("host:5000/a/b");
        assertThat(PublishedImage.repositoryOf("host:5000/a/b")).isEqualTo("host:5000/a/b");
        assertThat(PublishedImage.repositoryOf("host/app@" + DIGEST)).isEqualTo("host/app");
        assertThat(PublishedImage.repositoryOf("host:5000/app:1.0@" + DIGEST)).isEqualTo("host:5000/app");
        assertThat(PublishedImage.repositoryOf("registry.example.test/team/app"))
                .isEqualTo("registry.example.test/team/app");
        assertThat(PublishedImage.repositoryOf("app:1.0")).isEqualTo("app");
        assertThat(PublishedImage.repositoryOf("app")).isEqualTo("app");
    }

    private Path imageJson(String reference, String digest, String target) throws IOException {
        return Files.writeString(work.resolve("image.json"), """
                {"reference": "%s", "digest": "%s", "target": "%s", "tar": null}
                """.formatted(reference, digest, target));
    }

    private static void assertOneLine(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String what, String setting) {
        assertThatThrownBy(call)
                .isInstanceOf(GitOpsException.class)
                .hasMessageContaining(what)
                .hasMessageContaining(setting)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
