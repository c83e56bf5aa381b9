package dev.ghillie.preview.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * A release's revisions read straight from Helm's storage, for a reader that already holds a Kubernetes client
 * ({@code preview:status}): asking helm-java instead loads Helm's native library and builds Helm's own client for one
 * list call, most of a second in a fresh JVM. Helm's default storage driver keeps one Secret per revision (helm
 * {@code pkg/storage/driver/secrets.go} and {@code util.go}): type {@code helm.sh/release.v1}, labels {@code owner=helm},
 * {@code name}, {@code version} and {@code status}, and under {@code release} the release as JSON, gzipped and base64
 * encoded (older releases: not gzipped).
 */
public final class StoredReleases {

    static final String SECRET_TYPE = "helm.sh/release.v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};

    private final KubernetesClient client;

    public StoredReleases(KubernetesClient client) {
        this.client = client;
    }

    /** The newest revision of {@code release} in {@code namespace}, with its description; empty when Helm stores none. */
    public Optional<ReleaseRevision> latest(String namespace, String release) {
        return client
                .secrets()
                .inNamespace(namespace)
                .withLabel("owner", "helm")
                .withLabel("name", release)
                .list()
                .getItems()
                .stream()
                .filter(secret -> SECRET_TYPE.equals(secret.getType()))
                .filter(secret -> revisionOf(secret).isPresent())
                .max(Comparator.comparingInt(secret -> revisionOf(secret).orElseThrow()))
                .map(secret -> new ReleaseRevision(
                        revisionOf(secret).orElseThrow(), labels(secret).get("status"), description(secret)));
    }

    private static Optional<Integer> revisionOf(Secret secret) {
        try {
            return Optional.of(Integer.parseInt(labels(secret).getOrDefault("version", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> labels(Secret secret) {
        return secret.getMetadata().getLabels() == null
                ? Map.of()
                : secret.getMetadata().getLabels();
    }

    /** {@code info.description} of the stored release; empty when it cannot be read (the labels still say the status). */
    private static String description(Secret secret) {
        String stored = secret.getData() == null ? null : secret.getData().get("release");
        if (stored == null) {
            return "";
        }
        try {
            // The API's base64 of Helm's own base64 text.
            byte[] release = Base64.getDecoder().decode(Base64.getDecoder().decode(stored));
            try (InputStream json = gzipped(release)
                    ? new GZIPInputStream(new ByteArrayInputStream(release))
                    : new ByteArrayInputStream(release)) {
                JsonNode description = JSON.readTree(json).path("info").path("description");
                return description.isTextual() ? description.asText() : "";
            }
        } catch (IllegalArgumentException | IOException e) {
            return "";
        }
    }

    private static boolean gzipped(byte[] data) {
        return data.length >= GZIP_MAGIC.length
                && data[0] == GZIP_MAGIC[0]
                && data[1] == GZIP_MAGIC[1]
                && data[2] == GZIP_MAGIC[2];
    }
}
