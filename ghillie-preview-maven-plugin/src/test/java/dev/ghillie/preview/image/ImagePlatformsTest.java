package dev.ghillie.preview.image;

import static dev.ghillie.preview.image.PlatformBaseImages.basePlatformOf;
import static dev.ghillie.preview.image.PlatformBaseImages.platformOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which platform the image is built for, and on which image of a {@code tar://} base: the one for that platform,
 * from a multi-platform OCI tar or a one-platform docker-archive, or one clear line when the base has none. No
 * network: the bases are written by the test.
 */
class ImagePlatformsTest {

    private static final String MACHINE = ImagePlatform.architectureOf(System.getProperty("os.arch"));
    /** An architecture this machine's JVM is not: what an arm64 laptop's cluster is to an x86 CI machine, and back. */
    private static final String OTHER = MACHINE.equals("arm64") ? "amd64" : "arm64";

    @TempDir
    static Path shared;

    static Path arm64Only;
    static Path otherOnly;
    static Path multiPlatform;
    static Path savedByDocker;

    @TempDir
    Path work;

    @BeforeAll
    static void bases() throws Exception {
        arm64Only = PlatformBaseImages.single(Files.createDirectories(shared.resolve("arm64")), "arm64");
        otherOnly = OTHER.equals("arm64")
                ? arm64Only
                : PlatformBaseImages.single(Files.createDirectories(shared.resolve("other")), OTHER);
        multiPlatform = PlatformBaseImages.ociIndex(
                Files.createDirectories(shared.resolve("oci")), List.of("amd64", "arm64"), null);
        savedByDocker = PlatformBaseImages.ociIndex(
                Files.createDirectories(shared.resolve("docker")), List.of("amd64", "arm64"), "amd64");
    }

    private ImageSettings.Builder settings(Path base) throws Exception {
        return TestApp.create(work.resolve("app")).settings(base, work.resolve("out"));
    }

    private static ImageArchive built(ImageResult result) throws Exception {
        return ImageArchive.read(result.tarFile().orElseThrow());
    }

    @Test
    void withoutTheSettingAnArm64MachineGetsTheArm64ImageOfAMultiPlatformTar() throws Exception {
        RecordingLog log = new RecordingLog();

        ImageResult result = new RuntimeImageBuilder(log)
                .build(settings(multiPlatform).machineArchitecture("aarch64").build());

        ImageArchive image = built(result);
        assertThat(platformOf(image)).isEqualTo("linux/arm64");
        assertThat(basePlatformOf(image)).as("built on the base's arm64 image").isEqualTo("linux/arm64");
        assertThat(log.steps()).singleElement().asString().contains(") for linux/arm64 on tar://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm64"})
    void eachPlatformOfAMultiPlatformTarIsFound(String architecture) throws Exception {
        ImageSettings settings =
                settings(multiPlatform).platforms("linux/" + architecture).build();

        ImageArchive image = built(new RuntimeImageBuilder(new RecordingLog()).build(settings));

        assertThat(platformOf(image)).isEqualTo("linux/" + architecture);
        assertThat(basePlatformOf(image)).isEqualTo("linux/" + architecture);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amd64", "arm64"})
    void aDockerSaveTarWithAnIndexAndAManifestJsonGivesEitherPlatform(String architecture) throws Exception {
        // manifest.json names the amd64 image only, which is all Jib would read; the index has the arm64 one too.
        ImageSettings settings =
                settings(savedByDocker).platforms("linux/" + architecture).build();

        ImageArchive image = built(new RuntimeImageBuilder(new RecordingLog()).build(settings));

        assertThat(platformOf(image)).isEqualTo("linux/" + architecture);
        assertThat(basePlatformOf(image)).isEqualTo("linux/" + architecture);
    }

    @Test
    void anArm64OnlyBaseGivesAnArm64Image() throws Exception {
        ImageArchive image = built(new RuntimeImageBuilder(new RecordingLog())
                .build(settings(arm64Only).platforms("linux/arm64").build()));

        assertThat(platformOf(image)).isEqualTo("linux/arm64");
        assertThat(basePlatformOf(image)).isEqualTo("linux/arm64");
    }

    @Test
    void aBaseWithoutTheWantedPlatformIsOneLine() throws Exception {
        // Jib itself would build on it and say nothing: the image would be arm64, whatever linux/amd64 asked for.
        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog())
                        .build(settings(arm64Only).platforms("linux/amd64").build()))
                .isInstanceOf(ImageBuildException.class)
                .hasMessage("base image tar://" + arm64Only
                        + " holds linux/arm64, not linux/amd64 (ghillie.preview.platforms): give a base"
                        + " for linux/amd64 (e.g. 'docker save --platform linux/amd64', or a multi-platform OCI tar), or set"
                        + " ghillie.preview.platforms=linux/arm64 to build for what it holds");
        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog())
                        .build(settings(arm64Only).machineArchitecture("amd64").build()))
                .hasMessageContaining(" holds linux/arm64, not linux/amd64 (this machine): ");
    }

    @Test
    void severalPlatformsNeedARegistryTarget() throws Exception {
        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog())
                        .build(settings(multiPlatform)
                                .platforms("linux/amd64,linux/arm64")
                                .build()))
                .isInstanceOf(ImageBuildException.class)
                .hasMessage(
                        "the image is built for linux/amd64,linux/arm64 (ghillie.preview.platforms), and a tar image holds one platform:"
                                + " set ghillie.preview.platforms to one of them, or push to a registry (-Dghillie.preview.imageTarget=registry,"
                                + " or ghillie.preview.registry for up)");
    }

    @Test
    void severalPlatformsNeedARegistryBase() throws Exception {
        ImageSettings settings = settings(multiPlatform)
                .target("registry")
                .imageName("localhost:5000/ghillie-runtime")
                .platforms("linux/amd64,linux/arm64")
                .build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessage(
                        "the image is built for linux/amd64,linux/arm64 (ghillie.preview.platforms), and Jib reads one platform of a"
                                + " tar:// base (ghillie.preview.baseImage=tar://" + multiPlatform
                                + "): use a multi-platform registry base such as"
                                + " eclipse-temurin:25-jre, or set ghillie.preview.platforms to one platform");
    }

    @Test
    void theStartupCacheIsSkippedWithItsOneWarningWhenTheImageIsForAnotherArchitecture() throws Exception {
        RecordingLog log = new RecordingLog();
        ImageSettings settings = settings(otherOnly)
                .platforms("linux/" + OTHER)
                .startupCache(true)
                .build();

        ImageArchive image = built(new RuntimeImageBuilder(log).build(settings));

        assertThat(platformOf(image)).isEqualTo("linux/" + OTHER);
        assertThat(log.warnings())
                .containsExactly("image: no startup cache: the image is built for linux/" + OTHER
                        + " (ghillie.preview.platforms), and the training run runs the base image's JVM on this machine, linux/"
                        + MACHINE
                        + "; the image is built without one (-Dghillie.preview.startupCache=false skips this step)");
        assertThat(work.resolve("out/startup-cache/base.tar"))
                .as("the base is not even copied for it")
                .doesNotExist();
    }
}
