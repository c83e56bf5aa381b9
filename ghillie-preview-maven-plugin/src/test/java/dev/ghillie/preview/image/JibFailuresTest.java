package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever Jib throws reaches the goal as one {@link ImageBuildException} line naming the setting or file and the
 * fix, never as Maven's "Execution ... failed" internal error.
 */
class JibFailuresTest {

    @TempDir
    static Path shared;

    static Path baseTar;

    @TempDir
    Path work;

    @BeforeAll
    static void buildBase() throws Exception {
        baseTar = ScratchBaseImage.write(Files.createDirectories(shared.resolve("base")));
    }

    @Test
    void anOfflineBuildToARegistryNamesTheSettingAndTheFix() throws Exception {
        // Jib's Containerizer.setOfflineMode throws IllegalStateException for a registry target.
        ImageSettings.Builder settings = TestApp.create(work.resolve("app"))
                .settings(baseTar, work.resolve("out"))
                .target("registry")
                .imageName("localhost:5001/ghillie-runtime")
                .offline(true);

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings.build()))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("ghillie.preview.imageTarget=registry pushes the image to localhost:5001")
                .hasMessageContaining("offline (-o)")
                .hasMessageContaining("-Dghillie.preview.imageTarget=tar")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aCacheDirectoryJibCannotCreateIsNamedWithItsSetting() throws Exception {
        ImageSettings settings = settings();
        CacheDirectoryCreationException failure =
                new CacheDirectoryCreationException(new AccessDeniedException("/ro/jib-cache"));

        ImageBuildException explained = new JibFailures(new PlainHttpPolicy()).explain(failure, settings);

        assertThat(explained)
                .hasMessage("Jib cannot create its cache directory (AccessDeniedException: /ro/jib-cache): make it"
                        + " writable, or set ghillie.preview.baseImageCache (base image layers) or ghillie.preview.imageOutputDirectory"
                        + " (application layers) to a writable directory")
                .hasCause(failure);
    }

    @Test
    void aLocalFileJibCannotWriteIsNamedNotBlamedOnTheBase() throws Exception {
        ImageSettings settings = settings();
        ExecutionException failure = new ExecutionException(new AccessDeniedException("/out/image.tar"));

        ImageBuildException explained = new JibFailures(new PlainHttpPolicy()).explain(failure, settings);

        assertThat(explained.getMessage())
                .startsWith("Jib could not read or write /out/image.tar (AccessDeniedException)")
                .contains("permissions")
                .doesNotContain("base image")
                .doesNotContain("\n");
    }

    @Test
    void aJibRuntimeExceptionOutsideTheBuildIsOneLine() throws Exception {
        ImageSettings settings = settings();

        ImageBuildException explained = new JibFailures(new PlainHttpPolicy())
                .explain(new IllegalArgumentException("unsupported media type\nmore"), settings);

        assertThat(explained.getMessage())
                .isEqualTo(
                        "Jib failed to build the image (IllegalArgumentException: unsupported media type):"
                                + " run with -X for Jib's own messages and the cause; docs/image.md#feedback-and-errors lists what to check");
    }

    @Test
    void anInterruptedBuildSaysToRunTheGoalAgain() throws Exception {
        ImageSettings settings = settings();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessage("the image build was interrupted: run the goal again");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private ImageSettings settings() throws Exception {
        return TestApp.create(work.resolve("app"))
                .settings(baseTar, work.resolve("out"))
                .build();
    }
}
