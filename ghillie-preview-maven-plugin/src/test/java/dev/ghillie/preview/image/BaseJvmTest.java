package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseJvmTest {

    @TempDir
    Path work;

    @Test
    void findsTheJvmAtTheImagesJavaHomeAndItsVersion() throws Exception {
        Path tar = new TestArchive()
                .env("PATH=/usr/bin")
                .env("JAVA_HOME=/usr/lib/jvm/jre/")
                .layer()
                .file("usr/lib/jvm/jre/bin/java", "#!/bin/sh\n", 0755)
                .file("usr/lib/jvm/jre/release", "JAVA_VERSION=\"25.0.1\"\nIMPLEMENTOR=\"Eclipse Adoptium\"\n", 0644)
                .file("etc/hostname", "x", 0644)
                .write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            BaseJvm jvm = BaseJvm.unpack(archive, work.resolve("jvm"));
            assertThat(jvm.imageHome()).isEqualTo("/usr/lib/jvm/jre");
            assertThat(jvm.version().toString()).isEqualTo("25.0.1");
            assertThat(jvm.java()).isEqualTo(work.resolve("jvm/bin/java")).isExecutable();
        }
    }

    @Test
    void readsPlainLayersAsDockerSaveWritesThemAndUsesTemurinsPlaceWithoutJavaHome() throws Exception {
        Path tar = new TestArchive()
                .uncompressed()
                .layer()
                .file("opt/java/openjdk/bin/java", "#!/bin/sh\n", 0755)
                .file("opt/java/openjdk/release", "JAVA_VERSION=\"21.0.9\"\n", 0644)
                .write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            BaseJvm jvm = BaseJvm.unpack(archive, work.resolve("jvm"));
            assertThat(jvm.imageHome()).isEqualTo("/opt/java/openjdk");
            assertThat(jvm.version().feature()).isEqualTo(21);
        }
    }

    @Test
    void anImageWithoutAJvmIsSaidSo() throws Exception {
        Path tar = new TestArchive()
                .env("JAVA_HOME=/opt/jdk")
                .layer()
                .file("etc/hostname", "x", 0644)
                .write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            assertThatThrownBy(() -> BaseJvm.unpack(archive, work.resolve("jvm")))
                    .isInstanceOf(StartupCacheException.class)
                    .hasMessage("the base image has no JVM at JAVA_HOME=/opt/jdk");
        }
    }

    @Test
    void aJvmWithoutAReleaseFileIsSaidSo() throws Exception {
        Path tar = new TestArchive()
                .layer()
                .file("opt/java/openjdk/bin/java", "#!/bin/sh\n", 0755)
                .write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            assertThatThrownBy(() -> BaseJvm.unpack(archive, work.resolve("jvm")))
                    .isInstanceOf(StartupCacheException.class)
                    .hasMessageContaining("has no release file naming its version");
        }
    }
}
