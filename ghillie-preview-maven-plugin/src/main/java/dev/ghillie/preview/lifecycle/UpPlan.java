package dev.ghillie.preview.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ghillie.preview.PreviewException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code up} would do, step by step, decided as {@code up} decides and with nothing changed:
 * {@code -Dghillie.preview.plan=true}. Printed one line a step and written as JSON ({@code plan.json}).
 *
 * @param goal  {@code up} or {@code down}
 * @param steps in the order {@code up} runs them
 */
public record UpPlan(String goal, List<Step> steps) {

    /**
     * One step's decision.
     *
     * @param step     the step's name as {@code up} prints it, e.g. {@code helm release}
     * @param decision one word: create, start, reuse, ensure, build, import, skip, pull, install, upgrade, unchanged, roll, wait, check…
     * @param detail   why, in a few words
     * @param changes  for the release: the values that differ from the deployed revision
     */
    public record Step(String step, String decision, String detail, List<String> changes) {
        public Step {
            changes = List.copyOf(changes);
        }

        public Step(String step, String decision, String detail) {
            this(step, decision, detail, List.of());
        }
    }

    public UpPlan {
        steps = List.copyOf(steps);
    }

    /** The decision of {@code step}; for tests and for the plan-then-up check. */
    public String decision(String step) {
        return steps.stream()
                .filter(s -> s.step().equals(step))
                .map(Step::decision)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + step + " in the plan"));
    }

    /** {@code [plan 3/9] image load: import (…)}, then one indented line per changed value. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            lines.add(String.format(
                    "[plan %d/%d] %s: %s%s",
                    i + 1,
                    steps.size(),
                    step.step(),
                    step.decision(),
                    step.detail().isBlank() ? "" : " (" + step.detail() + ")"));
            step.changes().forEach(change -> lines.add("      " + change));
        }
        return lines;
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    new ObjectMapper()
                                    .enable(SerializationFeature.INDENT_OUTPUT)
                                    .writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new PreviewException("cannot write the plan to " + file + ": " + e.getMessage(), e);
        }
    }
}
