package dev.ghillie.preview.gitops;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: prints how long the renderer takes for the whole tree and one preview (with the test's
 * modules map), into an empty checkout and again with nothing to change, for docs/benchmarks.md. Runs
 * only with -Dghillie.bench=true (-Dghillie.bench.runs=N repeats, default 21); asserts nothing about
 * time. The no-change runs check that no file was written: every file's modification time is set to an
 * old instant first, and any file whose time moved (or a file created or removed) is printed.
 */
class GitOpsRenderBenchmarkTest {

    /** Long before any run: a rewrite would move the time to now, whatever the file system's granularity. */
    private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path work;

    @Test
    void printRenderFigures() throws Exception {
        assumeTrue(Boolean.getBoolean("ghillie.bench"), "benchmark: run with -Dghillie.bench=true");
        int runs = Integer.getInteger("ghillie.bench.runs", 21);
        Map<String, String> modules = GitOpsRendererTest.moduleMap();

        // The first render in this JVM: YAML and JSON classes loaded, nothing JIT-compiled.
        Path first = Files.createDirectory(work.resolve("cold"));
        long start = System.nanoTime();
        RenderReport cold = render(first, modules);
        long coldMicros = micros(start);

        List<Long> empty = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path tree = Files.createDirectory(work.resolve("empty-" + i));
            start = System.nanoTime();
            render(tree, modules);
            empty.add(micros(start));
        }

        List<Long> noChange = new ArrayList<>();
        int changed = 0;
        List<String> touched = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Map<String, FileTime> before = ageEveryFile(first);
            start = System.nanoTime();
            RenderReport again = render(first, modules);
            noChange.add(micros(start));
            changed += again.changed().size();
            touched.addAll(differences(before, modificationTimes(first)));
        }

        List<Long> check = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            start = System.nanoTime();
            renderer(true).render(first, modules, "preview-eu");
            check.add(micros(start));
        }

        long bytes = 0;
        for (Path file : files(first)) {
            bytes += Files.size(file);
        }
        System.out.printf(
                "%nTree: %d files (%d of them from the modules map), %,d bytes; %d runs after the first%n",
                cold.created().size(), modules.size(), bytes, runs);
        System.out.println("| render | wall time |");
        System.out.println("|---|---|");
        System.out.printf(
                "| whole tree + one preview into an empty checkout, first call in the JVM | %s |%n",
                millis(coldMicros));
        System.out.printf(
                "| whole tree + one preview into an empty checkout, warm (median of %d) | %s (%s–%s) |%n",
                runs, millis(median(empty)), millis(Collections.min(empty)), millis(Collections.max(empty)));
        System.out.printf(
                "| no change, warm (median of %d) | %s (%s–%s) |%n",
                runs, millis(median(noChange)), millis(Collections.min(noChange)), millis(Collections.max(noChange)));
        System.out.printf(
                "| check mode, no drift, warm (median of %d) | %s (%s–%s) |%n",
                runs, millis(median(check)), millis(Collections.min(check)), millis(Collections.max(check)));
        System.out.printf(
                "No-change runs: %d paths reported changed in %d runs; files written, created or removed: %s%n",
                changed, runs, touched.isEmpty() ? "none (every modification time kept)" : touched);
    }

    private static RenderReport render(Path tree, Map<String, String> modules) {
        return renderer(false).render(tree, modules, "preview-eu");
    }

    private static GitOpsRenderer renderer(boolean check) {
        return GitOpsRendererTest.renderer(Optional.of(GitOpsRendererTest.preview("pr-123")), Optional.empty(), check);
    }

    private static Map<String, FileTime> ageEveryFile(Path tree) throws IOException {
        for (Path file : files(tree)) {
            Files.setLastModifiedTime(file, OLD);
        }
        return modificationTimes(tree);
    }

    private static Map<String, FileTime> modificationTimes(Path tree) throws IOException {
        Map<String, FileTime> times = new TreeMap<>();
        for (Path file : files(tree)) {
            times.put(tree.relativize(file).toString(), Files.getLastModifiedTime(file));
        }
        return times;
    }

    private static List<String> differences(Map<String, FileTime> before, Map<String, FileTime> after) {
        List<String> differences = new ArrayList<>();
        before.forEach((path, time) -> {
            if (!time.equals(after.get(path))) {
                differences.add(after.containsKey(path) ? "written " + path : "removed " + path);
            }
        });
        after.keySet().stream()
                .filter(path -> !before.containsKey(path))
                .forEach(path -> differences.add("created " + path));
        return differences;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String millis(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
