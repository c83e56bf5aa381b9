package dev.ghillie.preview.image;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
public record ImageResult(String reference, String digest, String imageId, List<String> tags, ImageTarget target, Optional<Path> tarFile) {

    public ImageResult {
        tags = List.copyOf(tags);
    }

    /** The same image under another name, e.g. the registry host the cluster's nodes pull from. */
    public ImageResult withReference(String other) {
        return new ImageResult(other, digest, imageId, tags, target, tarFile);
    }

    public String toJson() {
        return "{\n"
                + field("reference", reference) + ",\n"
                + field("digest", digest) + ",\n"
                + field("imageId", imageId) + ",\n"
                + "  \"tags\": " + tags.stream().map(ImageResult::quoted).collect(Collectors.joining(", ", "[", "]")) + ",\n"
                + field("target", target.id()) + ",\n"
                + "  \"tar\": " + tarFile.map(p -> quoted(p.toString())).orElse("null") + "\n"
                + "}\n";
    }

    private static String field(String name, String value) {
        return "  " + quoted(name) + ": " + quoted(value);
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
