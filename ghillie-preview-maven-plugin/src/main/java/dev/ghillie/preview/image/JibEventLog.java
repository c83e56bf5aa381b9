package dev.ghillie.preview.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.TimerEvent;
import dev.ghillie.preview.ProgressSink;

/**
 * Turns Jib's events into {@code progress}'s debug lines: its log messages, and each of its timed steps with the
 * duration. Warnings and errors stay visible in batch mode; progress events are dropped.
 */
record JibEventLog(ProgressSink progress) {

    Containerizer attachTo(Containerizer containerizer) {
        return containerizer
                .addEventHandler(LogEvent.class, this::onLog)
                .addEventHandler(TimerEvent.class, this::onTimer);
    }

    /** Also what the credential helpers say while looking up a registry's credentials. */
    void onLog(LogEvent event) {
        switch (event.getLevel()) {
            // Retries, and the HTTPS-then-HTTP fallback Jib goes through for an allowed loopback registry,
            // are noise until something really fails: keep those for -X.
            case ERROR, WARN -> {
                String message = event.getMessage();
                if (message.endsWith("will be retried")
                        || message.startsWith("Cannot verify server at")
                        || message.endsWith("Attempting again with HTTP.")) {
                    progress.debug("jib: " + event.getMessage());
                } else {
                    progress.warn("jib: " + event.getMessage());
                }
            }
            case PROGRESS -> {}
            default -> progress.debug("jib: " + event.getMessage());
        }
    }

    private void onTimer(TimerEvent event) {
        if (event.getState() == TimerEvent.State.FINISHED) {
            progress.debug(
                    "jib: " + event.getDescription() + " (" + event.getElapsed().toMillis() + " ms)");
        }
    }
}
