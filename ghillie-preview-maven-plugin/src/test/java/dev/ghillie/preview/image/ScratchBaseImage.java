package dev.ghillie.preview.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/** A tiny base image (one layer, one file, one env variable) written as a docker-archive tar, so tests need no registry. */
final class ScratchBaseImage {

    static final String MARKER = "/etc/ghillie-test-base";

    private ScratchBaseImage() {}

    static Path write(Path directory) throws Exception {
        Path marker = Files.writeString(directory.resolve("marker"), "scratch base for tests\n");
        Path tar = directory.resolve("base.tar");
        Jib.fromScratch()
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .addEntry(
                                marker,
                                AbsoluteUnixPath.get(MARKER),
                                FileEntriesLayer.DEFAULT_FILE_PERMISSIONS_PROVIDER.get(
                                        marker, AbsoluteUnixPath.get(MARKER)),
                                Instant.EPOCH.plusSeconds(1))
                        .build())
                .addEnvironmentVariable("PATH", "/usr/bin:/bin")
                // This machine's platform, which a build without ghillie.preview.platforms is for (Jib would say
                // linux/amd64).
                .setPlatforms(Set.of(new Platform(
                        ImagePlatform.ofMachine(System.getProperty("os.arch")).architecture(), "linux")))
                .containerize(Containerizer.to(TarImage.at(tar).named("ghillie-test-base:1"))
                        .setApplicationLayersCache(directory.resolve("cache")));
        return tar;
    }
}
