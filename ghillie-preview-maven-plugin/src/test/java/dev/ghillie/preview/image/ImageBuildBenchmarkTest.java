package dev.ghillie.preview.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ghillie.preview.ProgressEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: prints how long image builds take and how many bytes they write or upload, for
 * docs/benchmarks.md. Runs only with -Dghillie.bench=true; asserts nothing about time.
 * The application is the real ghillie-runtime (classes and libs from its target/), the base the
 * jlinked one from {@link JlinkBaseImage}.
 */
class ImageBuildBenchmarkTest {

    @TempDir
    Path work;

    @Test
    void printImageBuildFigures() throws Exception {
        assumeTrue(Boolean.getBoolean("ghillie.bench"), "benchmark: run with -Dghillie.bench=true");
        BuiltRuntime runtime = BuiltRuntime.fromReactor();
        assumeTrue(runtime.isBuilt(), "benchmark needs a built ghillie-runtime in " + runtime.target());
        Path classes = copy(runtime.classes(), work.resolve("classes"));
        Path base = JlinkBaseImage.fromBuildJdk()
                .write(Files.createDirectories(work.resolve("jlink")), work.resolve("base.tar"));
        int baseLayers = ImageArchive.read(base).layers().size();

        System.out.println("\n| target | build | wall time | bytes written / uploaded |");
        System.out.println("|---|---|---|---|");
        ImageSettings tar =
                runtime.imageOn(base, classes, work.resolve("tar-out"), "bench").build();
        benchmark("tar", tar, classes, () -> Files.size(tar.tarFile()));

        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")))) {
            copy(runtime.classes(), classes);
            ImageSettings push = runtime.imageOn(base, classes, work.resolve("registry-out"), "bench")
                    .target("registry")
                    .imageName(registry.host() + "/ghillie-runtime")
                    .build();
            long[] before = {registry.storedBytes()};
            benchmark("registry", push, classes, () -> {
                long now = registry.storedBytes();
                long uploaded = now - before[0];
                before[0] = now;
                return uploaded;
            });
        }
        ImageArchive image = ImageArchive.read(tar.tarFile());
        long appLayers = 0;
        for (int i = baseLayers; i < image.manifest().get("Layers").size(); i++) {
            String name = image.manifest().get("Layers").get(i).asText();
            appLayers += ImageArchive.entrySize(tar.tarFile(), name);
        }
        System.out.printf(
                "%napp layers (above the base, compressed): %d bytes (%.1f MB); base: %d bytes%n",
                appLayers, appLayers / 1e6, Files.size(base));
    }

    private interface Bytes {
        long measure() throws Exception;
    }

    private static void benchmark(String target, ImageSettings settings, Path classes, Bytes bytes) throws Exception {
        RuntimeImageBuilder builder = new RuntimeImageBuilder(ImageBuildBenchmarkTest::quiet);
        run(target, "cold (empty caches)", builder, settings, bytes);
        run(target, "warm, no change", builder, settings, bytes);
        Path someClass;
        try (Stream<Path> files = Files.walk(classes)) {
            someClass = files.filter(p -> p.toString().endsWith("RuntimeRoutes.class"))
                    .findFirst()
                    .orElseThrow();
        }
        // A changed class: content differs, as after an edit and recompile.
        Files.write(someClass, new byte[] {0}, StandardOpenOption.APPEND);
        run(target, "warm, one class changed", builder, settings, bytes);
    }

    private static void run(
            String target, String label, RuntimeImageBuilder builder, ImageSettings settings, Bytes bytes)
            throws Exception {
        long start = System.nanoTime();
        builder.build(settings);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("| %s | %s | %d ms | %d bytes |%n", target, label, millis, bytes.measure());
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    /** Only the warnings: the benchmark prints its own figures. */
    private static void quiet(ProgressEvent event) {
        if (event.level() == ProgressEvent.Level.WARN) {
            System.out.println("WARN " + event.message());
        }
    }
}
