package dev.ghillie.preview.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a build produced, for later steps (the chart gets {@link #reference()}, the runtime gets
 * {@link #digest()} through GHILLIE_IMAGE_DIGEST).
 *
 * @param reference the image with its content-derived tag, e.g. {@code ghillie-runtime:0.1.0-3f2a9c1d0b7e}
 * @param digest    the manifest digest ({@code sha256:...})
 * @param imageId   the config digest, as {@code docker images} shows it
 * @param tags      every tag the image was given, the content-derived one first
 * @param tarFile   the docker-archive tar for {@link ImageTarget#TAR}
 */
public record ImageResult(
        String reference,
        String digest,
        String imageId,
        List<String> tags,
        ImageTarget target,
        Optional<Path> tarFile) {

    public ImageResult {
        tags = List.copyOf(tags);
    }

    /** The same image under another name, e.g. the registry host the cluster's nodes pull from. */
    public ImageResult withReference(String other) {
        return new ImageResult(other, digest, imageId, tags, target, tarFile);
    }

    /** image.json, laid out as docs/image.md shows it: {@code "name": value}, a tag list on one line. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Json(
                            reference,
                            digest,
                            imageId,
                            tags,
                            target.id(),
                            tarFile.map(Path::toString).orElse(null)))
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings always serialises", e);
        }
    }

    record Json(String reference, String digest, String imageId, List<String> tags, String target, String tar) {}

    private static final ObjectWriter JSON = new ObjectMapper()
            .writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                            .withArrayValueSpacing(Separators.Spacing.AFTER)
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter()));
}
