package dev.ghillie.preview;

/**
 * One line of progress from the engine, without indentation, and its level; only the mojos decide how it is shown (as
 * Jib's {@code LogEvent} carries a level and its event handlers decide).
 */
public record ProgressEvent(Level level, String message) {

    public enum Level {
        /** A line of its own: a step's line ({@code [3/9] cluster … done in 1.2s}), a round's, a goal's. */
        STEP,
        /** A line about the step under way ({@code deployment/ghillie is ready [1/1]}), shown beneath it. */
        DETAIL,
        /** What only someone looking into a run wants: a tool's output, a command line, timings (Maven's -X). */
        DEBUG,
        /** Something the user should look at although the work goes on. */
        WARN
    }
}
