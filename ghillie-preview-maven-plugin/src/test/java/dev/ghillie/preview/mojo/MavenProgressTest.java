package dev.ghillie.preview.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/**
 * The progress lines as the user sees them: what each level becomes in Maven's log. They are the lines the goals
 * printed before the engine had one sink: step lines at info, a step's details at info six spaces in beneath them
 * ({@code up}, {@code dev}), Jib's and the tools' own words at debug, warnings at warn.
 */
class MavenProgressTest {

    private final List<String> log = new ArrayList<>();
    private final SystemStreamLog maven = new SystemStreamLog() {
        @Override
        public void info(CharSequence content) {
            log.add("[INFO] " + content);
        }

        @Override
        public void debug(CharSequence content) {
            log.add("[DEBUG] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            log.add("[WARNING] " + content);
        }
    };

    @Test
    void underTheStepLinesADetailIsIndented() {
        MavenProgress progress = new MavenProgress(maven, MavenProgress.UNDER_STEPS);

        progress.step("[3/9] rollout … done in 4.1s");
        progress.detail("deployment/ghillie is ready [1/1]");
        progress.debug("jib: Building image to tar file (12 ms)");
        progress.warn("image: no startup cache: docker is not running");

        assertThat(log)
                .containsExactly(
                        "[INFO] [3/9] rollout … done in 4.1s",
                        "[INFO]       deployment/ghillie is ready [1/1]",
                        "[DEBUG] jib: Building image to tar file (12 ms)",
                        "[WARNING] image: no startup cache: docker is not running");
    }

    @Test
    void withoutStepLinesADetailStandsOnItsOwn() {
        new MavenProgress(maven, "").detail("building service up to package, without tests");

        assertThat(log).containsExactly("[INFO] building service up to package, without tests");
    }
}
