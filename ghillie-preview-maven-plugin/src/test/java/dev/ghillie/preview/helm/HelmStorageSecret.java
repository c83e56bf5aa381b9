package dev.ghillie.preview.helm;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** A revision's Secret as Helm's storage driver writes it (pkg/storage/driver/secrets.go, util.go's encodeRelease). */
public final class HelmStorageSecret {

    private HelmStorageSecret() {}

    public static Secret of(String release, int revision, String status, String description, boolean gzipped) {
        String json = "{\"name\":\"" + release + "\",\"version\":" + revision + ",\"info\":{\"status\":\"" + status
                + "\",\"description\":\"" + description.replace("\"", "\\\"") + "\"}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (gzipped) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = out.toByteArray();
        }
        // Helm's base64 text is the Secret's data value; the API then carries that value base64-encoded again.
        String helmText = Base64.getEncoder().encodeToString(bytes);
        return new SecretBuilder()
                .withNewMetadata()
                .withName("sh.helm.release.v1." + release + ".v" + revision)
                .addToLabels("owner", "helm")
                .addToLabels("name", release)
                .addToLabels("status", status)
                .addToLabels("version", Integer.toString(revision))
                .endMetadata()
                .withType(StoredReleases.SECRET_TYPE)
                .addToData("release", Base64.getEncoder().encodeToString(helmText.getBytes(StandardCharsets.US_ASCII)))
                .build();
    }
}
