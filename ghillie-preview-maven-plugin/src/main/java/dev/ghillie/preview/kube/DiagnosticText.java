package dev.ghillie.preview.kube;

import java.util.List;

/** Joins a summary line and its supporting lines into one multi-line message. */
final class DiagnosticText {

    private DiagnosticText() {}

    static String join(String summary, List<String> details) {
        return details.isEmpty()
                ? summary
                : summary + System.lineSeparator() + String.join(System.lineSeparator(), details);
    }
}
