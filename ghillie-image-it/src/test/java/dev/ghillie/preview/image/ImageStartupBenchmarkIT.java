package dev.ghillie.preview.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test: how long the runtime's image takes from {@code runc run} to its first 200 on /ready,
 * without and with the startup cache, on a base jlinked from the build JDK, with the image's own JVM flags and the
 * memory limit of a local preview's pod (384 MiB, so the JVM sizes itself as there). Prints figures for docs/benchmarks.md;
 * runs only with -Dghillie.bench=true (and as root, with runc); asserts nothing about time.
 */
class ImageStartupBenchmarkIT {

    @TempDir
    Path work;

    @Test
    void startUpToTheFirstReadyAnswerWithAndWithoutTheStartupCache() throws Exception {
        assumeTrue(Boolean.getBoolean("ghillie.bench"), "benchmark: run with -Dghillie.bench=true");
        String runc = RuncContainer.runcOrSkip();
        BuiltRuntime runtime = RuncSmokeIT.builtRuntimeOrSkip();
        int starts = Integer.getInteger("ghillie.bench.starts", 9);
        Path base = JlinkBaseImage.fromBuildJdk()
                .write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));
        for (boolean cache : List.of(false, true)) {
            String name = cache ? "cached" : "plain";
            ImageResult image = new RuntimeImageBuilder(new RecordingLog())
                    .build(runtime.imageOn(base, runtime.classes(), work.resolve("out-" + name), name)
                            .startupCache(cache)
                            .build());
            int port = FreePort.find();
            Path bundle = RuncContainer.bundle(
                    runc,
                    image,
                    work.resolve("bundle-" + name),
                    port,
                    Map.of(),
                    RuncContainer.LOCAL_PREVIEW_MEMORY_LIMIT);
            RuncContainer.start(runc, bundle, port, work.resolve("warm-" + name + ".log"))
                    .close(); // page cache, runc itself
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                long start = System.nanoTime();
                try (RuncContainer container =
                        RuncContainer.start(runc, bundle, port, work.resolve(name + "-" + i + ".log"))) {
                    while (container.await("/ready").statusCode() != 200) {
                        Thread.sleep(5);
                    }
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
            }
            List<Long> sorted = millis.stream().sorted().toList();
            System.out.printf(
                    "image %s (startupCache=%s): runc run to first 200 on /ready: median %d ms over %d starts (%d-%d; all: %s)%n",
                    image.reference(),
                    cache,
                    sorted.get(sorted.size() / 2),
                    starts,
                    sorted.get(0),
                    sorted.get(sorted.size() - 1),
                    millis);
        }
        System.out.println(
                "JVM: " + Runtime.version() + " (jlinked base), flags: the image's defaults, memory limit 384 MiB");
    }
}
