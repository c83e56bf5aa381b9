package dev.ghillie.preview.helm;

import dev.ghillie.preview.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A digest of everything that shapes a release: the chart's files (or its pinned remote
 * reference), the values files' contents and the {@code --set} values. Equal fingerprints mean a
 * {@code helm upgrade} would change nothing, so a re-run can skip it and no pod restarts.
 */
public final class ReleaseFingerprint {

    private ReleaseFingerprint() {}

    public static String of(ChartSource chart, List<Path> valuesFiles, Map<String, String> values) {
        MessageDigest digest = Sha256.newDigest();
        switch (chart) {
            case ChartSource.Local local -> addTree(digest, local.path());
            default -> add(digest, "chart", chart.describe().getBytes(StandardCharsets.UTF_8));
        }
        for (Path file : valuesFiles) {
            add(digest, "values", read(file));
        }
        new TreeMap<>(values)
                .forEach((key, value) -> add(digest, "set " + key, value.getBytes(StandardCharsets.UTF_8)));
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void addTree(MessageDigest digest, Path root) {
        if (Files.isRegularFile(root)) {
            add(digest, "chart", read(root));
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .sorted()
                    .forEach(
                            file -> add(digest, root.relativize(file).toString().replace('\\', '/'), read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Length-prefixed so that moving bytes between a name and its content changes the digest. */
    private static void add(MessageDigest digest, String name, byte[] content) {
        byte[] label = name.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(label.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) ':');
        digest.update(label);
        digest.update(Integer.toString(content.length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) ':');
        digest.update(content);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
