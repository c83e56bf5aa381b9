package dev.ghillie.preview.image.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseJvmTest {

    @TempDir
    Path work;

    @Test
    void unpacksJavaHomeOnlyWithLayersAppliedInOrder() throws Exception {
        Path tar = new TestArchive()
                .env("PATH=/usr/bin").env("JAVA_HOME=/usr/lib/jvm/jre/")
                .layer()
                .file("etc/passwd", "root:x:0:0\n", 0644)
                .directory("usr/lib/jvm/jre")
                .file("usr/lib/jvm/jre/bin/java", "#!/bin/sh\n", 0755)
                .file("usr/lib/jvm/jre/release", "JAVA_VERSION=\"21.0.9\"\nIMPLEMENTOR=\"Eclipse Adoptium\"\n", 0644)
                .file("usr/lib/jvm/jre/lib/old.so", "old", 0644)
                .file("usr/lib/jvm/jre/legal/a/LICENSE", "text", 0644)
                .file("usr/lib/jvm/jre/conf/security/java.security", "v1", 0644)
                .layer()
                .file("usr/lib/jvm/jre/.wh.legal", "", 0644)                  // deletes a folder
                .file("usr/lib/jvm/jre/lib/.wh.old.so", "", 0644)             // deletes a file
                .file("usr/lib/jvm/jre/conf/security/.wh..wh..opq", "", 0644) // empties a folder...
                .file("usr/lib/jvm/jre/conf/security/java.policy", "v2", 0644) // ...then fills it again
                .symlink("usr/lib/jvm/jre/lib/libjsig.so", "server/libjsig.so")
                .symlink("usr/lib/jvm/jre/bin/abs", "/usr/lib/jvm/jre/release")
                .hardLink("usr/lib/jvm/jre/bin/java2", "usr/lib/jvm/jre/bin/java")
                .write(work.resolve("base.tar"));

        BaseJvm jvm;
        try (DockerArchive archive = DockerArchive.open(tar)) {
            jvm = BaseJvm.unpack(archive, work.resolve("jvm"));
        }

        Path home = work.resolve("jvm");
        assertThat(jvm.imageHome()).isEqualTo("/usr/lib/jvm/jre");
        assertThat(jvm.version().feature()).isEqualTo(21);
        assertThat(jvm.java()).isExecutable();
        assertThat(home.resolve("etc")).doesNotExist();
        assertThat(home.resolve("legal")).doesNotExist();
        assertThat(home.resolve("lib/old.so")).doesNotExist();
        assertThat(home.resolve("conf/security/java.security")).doesNotExist();
        assertThat(home.resolve("conf/security/java.policy")).hasContent("v2");
        assertThat(Files.readSymbolicLink(home.resolve("lib/libjsig.so"))).isEqualTo(Path.of("server/libjsig.so"));
        assertThat(Files.readSymbolicLink(home.resolve("bin/abs"))).isEqualTo(home.resolve("release"));
        assertThat(home.resolve("bin/java2")).hasContent("#!/bin/sh");
    }

    @Test
    void readsPlainLayersAsDockerSaveWritesThem() throws Exception {
        Path tar = new TestArchive().uncompressed().layer()
                .file("opt/java/openjdk/bin/java", "#!/bin/sh\n", 0755)
                .file("opt/java/openjdk/release", "JAVA_VERSION=\"25.0.1\"\n", 0644)
                .write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            BaseJvm jvm = BaseJvm.unpack(archive, work.resolve("jvm"));
            assertThat(jvm.imageHome()).as("Temurin's place, as JAVA_HOME is not set").isEqualTo("/opt/java/openjdk");
            assertThat(jvm.version().feature()).isEqualTo(25);
        }
    }

    @Test
    void anImageWithoutAJvmIsSaidSo() throws Exception {
        Path tar = new TestArchive().env("JAVA_HOME=/opt/jdk").layer().file("etc/hostname", "x", 0644).write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            assertThatThrownBy(() -> BaseJvm.unpack(archive, work.resolve("jvm")))
                    .isInstanceOf(StartupCacheException.class).hasMessage("the base image has no JVM at JAVA_HOME=/opt/jdk");
        }
    }

    @Test
    void aJvmWithoutAReleaseFileIsSaidSo() throws Exception {
        Path tar = new TestArchive().layer().file("opt/java/openjdk/bin/java", "#!/bin/sh\n", 0755).write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            assertThatThrownBy(() -> BaseJvm.unpack(archive, work.resolve("jvm")))
                    .isInstanceOf(StartupCacheException.class).hasMessageContaining("has no release file naming its version");
        }
    }

    @Test
    void aLayerEntryCannotEscapeJavaHome() throws Exception {
        Path tar = new TestArchive().layer()
                .file("opt/java/openjdk/bin/java", "#!/bin/sh\n", 0755)
                .file("opt/java/openjdk/../../../../../escaped", "x", 0644)
                .write(work.resolve("base.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            assertThatThrownBy(() -> BaseJvm.unpack(archive, work.resolve("jvm"))).hasMessageContaining("escapes JAVA_HOME");
        }
        assertThat(work.getParent().resolve("escaped")).doesNotExist();
    }
}
