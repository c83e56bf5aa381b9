package dev.ghillie.preview.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghillie.preview.FileStamps;
import dev.ghillie.preview.SkipRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lets a tar build whose inputs did not change hand back the tar and result the last build wrote, instead of
 * Jib writing the same archive (about 30 MB for the runtime) again: that was most of a no-op {@code up}'s image
 * step. Inputs: every setting, the classes' and dependencies' files (size and modification time), and the base.
 * Only where the base cannot have moved behind an unchanged reference: a {@code tar://} base (its file is an
 * input) or a registry base pinned by digest. An unpinned tag is asked for again by Jib on every build.
 */
final class TarReuse {

    /** Bump when the image layout changes, so an older plugin's tar is never reused. */
    private static final String FORMAT = "ghillie-tar-reuse/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TarReuse() {}

    /** The fingerprint of what a tar build reads; empty when reusing would not be safe. */
    static Optional<String> key(ImageSettings settings) {
        boolean fixedBase = settings.baseImage().tarFile().isPresent()
                || settings.baseImage().reference().contains("@sha256:");
        if (settings.target() != ImageTarget.TAR || !fixedBase) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        lines.add(FORMAT);
        lines.add(settings.toString());
        settings.baseImage().tarFile().ifPresent(base -> lines.add("base " + base + " " + FileStamps.stamp(base)));
        try {
            lines.add("classes " + settings.classesDirectory());
            lines.addAll(FileStamps.tree(settings.classesDirectory()));
            for (AppDependency dependency : settings.dependencies()) {
                lines.add("dependency " + dependency.jar());
                lines.addAll(FileStamps.tree(dependency.jar()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(FileStamps.digest(lines));
    }

    /** The last build's result when it was made from the same inputs and its tar is still there. */
    static Optional<ImageResult> reusable(ImageSettings settings, String key) {
        try {
            if (!Files.isRegularFile(settings.tarFile())
                    || !Files.isRegularFile(settings.resultFile())
                    || !record(settings).holds(fingerprint(key, settings))) {
                return Optional.empty();
            }
            JsonNode json = JSON.readTree(settings.resultFile().toFile());
            List<String> tags = new ArrayList<>();
            json.path("tags").forEach(tag -> tags.add(tag.asText()));
            return Optional.of(new ImageResult(
                    json.path("reference").asText(),
                    json.path("digest").asText(),
                    json.path("imageId").asText(),
                    tags,
                    ImageTarget.TAR,
                    Optional.of(settings.tarFile())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Records the inputs of the build that just wrote the tar and its result, and the tar as it was written. */
    static void remember(ImageSettings settings, String key) {
        record(settings).write(fingerprint(key, settings));
    }

    /** Before a build: a build that fails half way must not leave a record that vouches for its tar. */
    static void forget(ImageSettings settings) {
        record(settings).clear();
    }

    /** The inputs' key and the tar as it was written: a rewritten tar is told apart by its size and time. */
    private static String fingerprint(String key, ImageSettings settings) {
        return key + " " + FileStamps.stamp(settings.tarFile());
    }

    private static SkipRecord record(ImageSettings settings) {
        return new SkipRecord(settings.outputDirectory().resolve("image-inputs.sha256"));
    }
}
