package dev.ghillie.preview.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The image a preview runs: what {@code preview:image -Dghillie.preview.imageTarget=registry} pushed and
 * recorded in {@code image.json}. A cloud cluster pulls, so only a pushed image will do.
 *
 * @param repository the repository with its registry host, without tag or digest
 * @param digest     the manifest digest the preview is pinned to
 */
public record PublishedImage(String repository, String digest) {

    private static final String HOW = "run `mvn preview:image -Dghillie.preview.imageTarget=registry"
            + " -Dghillie.preview.imageName=<registry>/<repository>` in this or an earlier build first";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public static PublishedImage read(Path imageJson) {
        if (!Files.isRegularFile(imageJson)) {
            throw new GitOpsException("No pushed image: " + imageJson + " does not exist: " + HOW);
        }
        JsonNode image;
        try {
            image = new ObjectMapper().readTree(imageJson.toFile());
        } catch (IOException e) {
            throw new GitOpsException(imageJson + " cannot be read as JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + "): " + HOW);
        }
        String target = image.path("target").asText("");
        if (!target.equals("registry")) {
            throw new GitOpsException(imageJson + " describes an image built for target '" + target
                    + "', which stays on this machine; a cloud cluster pulls from a registry: " + HOW);
        }
        String reference = image.path("reference").asText("");
        String digest = image.path("digest").asText("");
        if (!DIGEST.matcher(digest).matches() || reference.isEmpty()) {
            throw new GitOpsException(imageJson + " holds no image reference and sha256 digest: " + HOW);
        }
        return new PublishedImage(repositoryOf(reference), digest);
    }

    /** {@code host:5000/team/app:1.0} and {@code host/app@sha256:...} to {@code host:5000/team/app}, {@code host/app}. */
    static String repositoryOf(String reference) {
        String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }
}
