package dev.ghillie.preview;

/**
 * Where the engine reports progress: the one sink every package writes its {@link ProgressEvent}s to, and the mojos
 * turn into Maven's log. It may be called from several threads at once (the steps run side by side, Jib's workers).
 */
@FunctionalInterface
public interface ProgressSink {

    void accept(ProgressEvent event);

    default void step(String line) {
        accept(new ProgressEvent(ProgressEvent.Level.STEP, line));
    }

    default void detail(String line) {
        accept(new ProgressEvent(ProgressEvent.Level.DETAIL, line));
    }

    default void debug(String line) {
        accept(new ProgressEvent(ProgressEvent.Level.DEBUG, line));
    }

    default void warn(String line) {
        accept(new ProgressEvent(ProgressEvent.Level.WARN, line));
    }

    static ProgressSink silent() {
        return event -> {};
    }
}
