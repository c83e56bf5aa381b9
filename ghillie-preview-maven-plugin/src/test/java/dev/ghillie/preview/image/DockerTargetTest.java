package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * imageTarget=docker against a stand-in docker CLI that keeps what it is given: there is no
 * daemon here, but what Jib pipes into {@code docker load} and the tag command can be checked.
 */
class DockerTargetTest {

    @TempDir
    Path work;

    @Test
    void loadsTheImageThroughTheDockerCliAndTagsItWithItsContent() throws Exception {
        Path loaded = work.resolve("loaded.tar");
        Path calls = work.resolve("calls.txt");
        Path docker = fakeDocker("""
                #!/bin/sh
                echo "$@" >> %s
                case "$1" in
                  info) echo '{"OSType":"linux","Architecture":"amd64"}' ;;
                  load) cat > %s; echo "Loaded image: x" ;;
                esac
                exit 0
                """.formatted(calls, loaded));
        Path base = ScratchBaseImage.write(Files.createDirectories(work.resolve("base")));
        ImageSettings settings = TestApp.create(work.resolve("app"))
                .settings(base, work.resolve("out"))
                .target("docker")
                .dockerExecutable(docker)
                .build();

        RecordingLog log = new RecordingLog();
        ImageResult result = new RuntimeImageBuilder(log).build(settings);

        assertThat(result.tarFile()).isEmpty();
        assertThat(ImageArchive.read(loaded).repoTags()).contains("ghillie-runtime:latest");
        assertThat(Files.readAllLines(calls)).contains("tag " + result.imageId() + " " + result.reference());
        // Through ProcessRunner (with a timeout), which logs every command at debug level.
        assertThat(log.details).contains("$ " + docker + " tag " + result.imageId() + " " + result.reference());
    }

    @Test
    void aFailingTagIsOneLine() throws Exception {
        Path docker = fakeDocker("""
                #!/bin/sh
                case "$1" in
                  info) echo '{"OSType":"linux","Architecture":"amd64"}' ;;
                  load) cat > /dev/null; echo "Loaded image: x" ;;
                  tag) echo "Error response from daemon: No such image" >&2; echo "second line" >&2; exit 1 ;;
                esac
                exit 0
                """);
        Path base = ScratchBaseImage.write(Files.createDirectories(work.resolve("base")));
        ImageSettings settings = TestApp.create(work.resolve("app"))
                .settings(base, work.resolve("out"))
                .target("docker")
                .dockerExecutable(docker)
                .build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("'" + docker + " tag ")
                .hasMessageEndingWith(
                        "' failed: Error response from daemon: No such image (is the Docker daemon running?)");
    }

    @Test
    void aMissingDockerCliIsNamedWithTheAlternatives() throws Exception {
        Path base = ScratchBaseImage.write(Files.createDirectories(work.resolve("base")));
        ImageSettings settings = TestApp.create(work.resolve("app"))
                .settings(base, work.resolve("out"))
                .target("docker")
                .dockerExecutable(work.resolve("no-docker"))
                .build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("imageTarget=docker needs the docker CLI")
                .hasMessageContaining("imageTarget=tar");
    }

    @Test
    void aFailingDaemonIsReported() throws Exception {
        Path docker = fakeDocker("""
                #!/bin/sh
                echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
                exit 1
                """);
        Path base = ScratchBaseImage.write(Files.createDirectories(work.resolve("base")));
        ImageSettings settings = TestApp.create(work.resolve("app"))
                .settings(base, work.resolve("out"))
                .target("docker")
                .dockerExecutable(docker)
                .build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("the Docker daemon refused the image")
                .hasMessageNotContaining("\n");
    }

    private Path fakeDocker(String script) throws Exception {
        Path docker = Files.writeString(work.resolve("docker"), script);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return docker;
    }
}
