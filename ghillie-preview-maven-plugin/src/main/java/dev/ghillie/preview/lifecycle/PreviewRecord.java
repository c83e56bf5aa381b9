package dev.ghillie.preview.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ghillie.preview.settings.PreviewSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code target/ghillie-preview/preview.json}: what {@code up} made, for people, CI scripts and the
 * other goals. It holds no secret: the kubeconfig is named, not copied.
 *
 * @param platformServices the data services installed, as their steps are named ({@code postgresql}, {@code valkey})
 */
public record PreviewRecord(
        String cluster,
        String namespace,
        String release,
        String url,
        String access,
        String image,
        String digest,
        String kubeconfig,
        List<String> platformServices,
        Map<String, Long> stepMillis) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static PreviewRecord of(PreviewSettings settings, PreviewUp.Result result) {
        return of(settings.namespace(), settings.release(), result);
    }

    static PreviewRecord of(String namespace, String release, PreviewUp.Result result) {
        Map<String, Long> millis = new LinkedHashMap<>();
        result.timings().forEach((step, took) -> millis.put(step, took.toMillis()));
        return new PreviewRecord(
                result.cluster().name(),
                namespace,
                release,
                result.access().url(),
                result.access().mode(),
                result.image().reference(),
                result.image().digest(),
                result.cluster().kubeconfig().toString(),
                result.platformServices(),
                millis);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The record a previous up wrote, if any and readable. */
    public static Optional<PreviewRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), PreviewRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
