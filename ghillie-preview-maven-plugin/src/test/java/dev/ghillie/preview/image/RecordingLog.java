package dev.ghillie.preview.image;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a build logged, by level, and echoes step lines so a test run shows them. */
public final class RecordingLog implements ImageLog {

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
    public void step(String line) {
        steps.add(line);
        System.out.println(line);
    }

    @Override
    public void detail(String line) {
        details.add(line);
    }

    @Override
    public void warn(String line) {
        warnings.add(line);
        System.out.println("WARN " + line);
    }
}
