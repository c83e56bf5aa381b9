package dev.ghillie.preview.image;

import dev.ghillie.preview.ProgressEvent;
import dev.ghillie.preview.ProgressSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a build reported, by level, and echoes step lines and warnings so a test run shows them. */
public final class RecordingLog implements ProgressSink {

    final List<String> steps = new CopyOnWriteArrayList<>();
    final List<String> details = new CopyOnWriteArrayList<>();
    final List<String> warnings = new CopyOnWriteArrayList<>();

    public List<String> steps() {
        return steps;
    }

    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void accept(ProgressEvent event) {
        switch (event.level()) {
            case STEP -> {
                steps.add(event.message());
                System.out.println(event.message());
            }
            case DETAIL, DEBUG -> details.add(event.message());
            case WARN -> {
                warnings.add(event.message());
                System.out.println("WARN " + event.message());
            }
        }
    }
}
