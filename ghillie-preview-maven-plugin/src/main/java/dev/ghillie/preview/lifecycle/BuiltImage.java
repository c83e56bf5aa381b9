package dev.ghillie.preview.lifecycle;

import java.nio.file.Path;
import java.util.Optional;

/** The runtime image the preview runs: its reference, content digest and, for tar builds, the archive. */
public record BuiltImage(String reference, String digest, Optional<Path> tar) {
}
