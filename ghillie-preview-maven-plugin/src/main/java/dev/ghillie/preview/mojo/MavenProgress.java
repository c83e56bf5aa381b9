package dev.ghillie.preview.mojo;

import dev.ghillie.preview.ProgressEvent;
import dev.ghillie.preview.ProgressSink;
import org.apache.maven.plugin.logging.Log;

/**
 * The engine's progress in Maven's log: steps at info, the lines about a step at info indented by
 * {@code detailIndent} beneath the step lines, debug lines with -X, warnings as warnings.
 */
record MavenProgress(Log log, String detailIndent) implements ProgressSink {

    /** For the goals that print step lines ({@code up}, {@code dev}): a step's details stand out beneath them. */
    static final String UNDER_STEPS = "      ";

    @Override
    public void accept(ProgressEvent event) {
        switch (event.level()) {
            case STEP -> log.info(event.message());
            case DETAIL -> log.info(detailIndent + event.message());
            case DEBUG -> log.debug(event.message());
            case WARN -> log.warn(event.message());
        }
    }
}
