package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layers applied as a container runtime applies them, and nothing written outside the target folder. */
class LayerUnpackerTest {

    @TempDir
    Path work;

    @Test
    void unpacksOneFolderWithWhiteoutsLinksAndReplacementsApplied() throws Exception {
        Path tar = new TestArchive()
                .layer()
                .file("etc/passwd", "root:x:0:0\n", 0644)
                .file("jre/bin/java", "#!/bin/sh\n", 0755)
                .file("jre/lib/old.so", "old", 0644)
                .file("jre/legal/a/LICENSE", "text", 0644)
                .file("jre/conf/security/java.security", "v1", 0644)
                .file("jre/lib/was-a-file", "x", 0644)
                .directory("jre/lib/was-a-folder")
                .file("jre/lib/was-a-folder/inside", "x", 0644)
                .layer()
                .file("jre/conf/security/java.policy", "v2", 0644) // written before the opaque marker of its own layer
                .file("jre/.wh.legal", "", 0644) // deletes a folder
                .file("jre/lib/.wh.old.so", "", 0644) // deletes a file
                .file("jre/conf/security/.wh..wh..opq", "", 0644) // empties what lower layers put there
                .symlink("jre/lib/libjsig.so", "server/libjsig.so")
                .symlink("jre/bin/abs", "/jre/release")
                .hardLink("jre/bin/java2", "jre/bin/java")
                .directory("jre/lib/was-a-file")
                .file("jre/lib/was-a-folder", "now a file", 0644)
                .write(work.resolve("image.tar"));

        Path home = work.resolve("jre");
        try (DockerArchive archive = DockerArchive.open(tar)) {
            new LayerUnpacker("/jre", true).unpack(archive, home);
        }

        assertThat(home.resolve("bin/java")).isExecutable();
        assertThat(work.resolve("jre/etc")).doesNotExist();
        assertThat(home.resolve("legal")).doesNotExist();
        assertThat(home.resolve("lib/old.so")).doesNotExist();
        assertThat(home.resolve("conf/security/java.security")).doesNotExist();
        assertThat(home.resolve("conf/security/java.policy"))
                .as("opaque applies to lower layers only")
                .hasContent("v2");
        assertThat(Files.readSymbolicLink(home.resolve("lib/libjsig.so"))).isEqualTo(Path.of("server/libjsig.so"));
        assertThat(Files.readSymbolicLink(home.resolve("bin/abs")))
                .as("into the copy, for this machine")
                .isEqualTo(home.toRealPath().resolve("release"));
        assertThat(home.resolve("bin/java2")).hasContent("#!/bin/sh");
        assertThat(home.resolve("lib/was-a-file")).isDirectory();
        assertThat(home.resolve("lib/was-a-folder")).isRegularFile().hasContent("now a file");
    }

    @Test
    void aWholeFileSystemKeepsItsAbsoluteLinks() throws Exception {
        Path tar = new TestArchive()
                .layer()
                .file("usr/lib/x", "x", 0644)
                .symlink("lib", "/usr/lib")
                .write(work.resolve("image.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            new LayerUnpacker("/", false).unpack(archive, work.resolve("rootfs"));
        }

        assertThat(Files.readSymbolicLink(work.resolve("rootfs/lib"))).isEqualTo(Path.of("/usr/lib"));
        assertThat(work.resolve("rootfs/usr/lib/x")).hasContent("x");
    }

    @Test
    void aWhiteoutOfTheFolderOrItsParentRemovesWhatLowerLayersPutThere() throws Exception {
        Path tar = new TestArchive()
                .layer()
                .file("opt/java/openjdk/lib/stale.so", "old jdk", 0644)
                .layer()
                .file("opt/java/.wh.openjdk", "", 0644)
                .layer()
                .file("opt/java/openjdk/bin/java", "new jdk", 0755)
                .write(work.resolve("image.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            new LayerUnpacker("/opt/java/openjdk", true).unpack(archive, work.resolve("jdk"));
        }

        assertThat(work.resolve("jdk/lib/stale.so")).doesNotExist();
        assertThat(work.resolve("jdk/bin/java")).hasContent("new jdk");
    }

    @Test
    void aSymbolicLinkCannotTakeALaterEntryOutOfTheFolder() throws Exception {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Path tar = new TestArchive()
                .layer()
                .symlink("jre/lib", outside.toString())
                .file("jre/lib/sub/pwned", "x", 0644)
                .write(work.resolve("image.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            assertThatThrownBy(() -> new LayerUnpacker("/jre", false).unpack(archive, work.resolve("jre")))
                    .hasMessage("layer entry jre/lib/sub/pwned escapes /jre through a symbolic link");
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aPathOrAHardLinkCannotLeaveTheFolder() throws Exception {
        Files.writeString(Files.createDirectories(work.resolve("b")).resolve("secret"), "host file");
        Path dots =
                new TestArchive().layer().file("jre/../../escaped", "x", 0644).write(work.resolve("dots.tar"));
        Path link =
                new TestArchive().layer().hardLink("jre/copy", "jre/../secret").write(work.resolve("link.tar"));

        try (DockerArchive archive = DockerArchive.open(dots)) {
            assertThatThrownBy(() -> new LayerUnpacker("/jre", true).unpack(archive, work.resolve("a/jre")))
                    .hasMessageContaining("escapes /jre");
        }
        try (DockerArchive archive = DockerArchive.open(link)) {
            new LayerUnpacker("/jre", true).unpack(archive, work.resolve("b/jre"));
        }
        assertThat(work.resolve("a/escaped")).doesNotExist();
        assertThat(work.resolve("escaped")).doesNotExist();
        assertThat(work.resolve("b/jre/copy"))
                .as("a hard link to outside the folder has nothing to copy")
                .doesNotExist();
    }

    @Test
    void aWhiteoutOfNoFileIsRefusedAndDeletesNothing() throws Exception {
        Path keep = Files.writeString(work.resolve("next-to-the-folder"), "x");
        for (String name : List.of("jre/.wh..", "jre/.wh...", "jre/.wh.")) {
            Path tar = new TestArchive()
                    .layer()
                    .file("jre/bin/java", "x", 0755)
                    .file(name, "", 0644)
                    .write(work.resolve("w.tar"));
            try (DockerArchive archive = DockerArchive.open(tar)) {
                assertThatThrownBy(() -> new LayerUnpacker("/jre", true).unpack(archive, work.resolve("jre")))
                        .as(name)
                        .hasMessageContaining("is a whiteout of no file");
            }
            assertThat(keep).exists();
        }
    }

    @Test
    void anOpaqueMarkerEmptiesLowerLayersAtAnyDepthButKeepsWhatItsLayerWrote() throws Exception {
        Path tar = new TestArchive()
                .layer()
                .file("jre/conf/sub/old", "lower", 0644)
                .file("jre/conf/top", "lower", 0644)
                .layer()
                .file("jre/conf/sub/new", "this layer", 0644)
                .file("jre/conf/.wh..wh..opq", "", 0644)
                .write(work.resolve("image.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            new LayerUnpacker("/jre", true).unpack(archive, work.resolve("jre"));
        }

        assertThat(work.resolve("jre/conf/sub/new")).hasContent("this layer");
        assertThat(work.resolve("jre/conf/sub/old")).doesNotExist();
        assertThat(work.resolve("jre/conf/top")).doesNotExist();
    }

    @Test
    void aParentReplacedByALinkTakesTheFolderAway() throws Exception {
        Path tar = new TestArchive()
                .layer()
                .file("opt/java/openjdk/bin/java", "old jdk", 0755)
                .layer()
                .symlink("opt/java", "/usr/lib/jvm")
                .write(work.resolve("image.tar"));

        try (DockerArchive archive = DockerArchive.open(tar)) {
            new LayerUnpacker("/opt/java/openjdk", true).unpack(archive, work.resolve("jdk"));
        }

        assertThat(work.resolve("jdk")).isEmptyDirectory();
    }
}
