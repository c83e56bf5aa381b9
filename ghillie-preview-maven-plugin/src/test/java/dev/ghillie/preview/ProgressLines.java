package dev.ghillie.preview;

import java.util.function.Consumer;

/** For tests that read the progress as text: each event's message, whatever its level. */
public final class ProgressLines {

    private ProgressLines() {}

    public static ProgressSink to(Consumer<String> lines) {
        return event -> lines.accept(event.message());
    }
}
