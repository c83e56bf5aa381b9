package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** image.json byte for byte: docs/image.md shows it, and scripts and tests grep {@code "reference": "...}. */
class ImageResultTest {

    @Test
    void aTarImageIsWrittenAsTheDocsShowIt() {
        ImageResult result = new ImageResult(
                "ghillie-runtime:1.0-03b8dcf07dc2",
                "sha256:bc60",
                "sha256:03b8",
                List.of("1.0-03b8dcf07dc2", "1.0"),
                ImageTarget.TAR,
                Optional.of(Path.of("/work/target/ghillie-preview/image.tar")));

        assertThat(result.toJson()).isEqualTo("""
                {
                  "reference": "ghillie-runtime:1.0-03b8dcf07dc2",
                  "digest": "sha256:bc60",
                  "imageId": "sha256:03b8",
                  "tags": ["1.0-03b8dcf07dc2", "1.0"],
                  "target": "tar",
                  "tar": "/work/target/ghillie-preview/image.tar"
                }
                """);
    }

    @Test
    void aPushedImageHasNoTarAndQuotesAreEscaped() {
        ImageResult result = new ImageResult(
                "registry.test/a\"b\\c:1", "sha256:1", "sha256:2", List.of(), ImageTarget.REGISTRY, Optional.empty());

        assertThat(result.toJson()).isEqualTo("""
                {
                  "reference": "registry.test/a\\"b\\\\c:1",
                  "digest": "sha256:1",
                  "imageId": "sha256:2",
                  "tags": [],
                  "target": "registry",
                  "tar": null
                }
                """);
    }
}
