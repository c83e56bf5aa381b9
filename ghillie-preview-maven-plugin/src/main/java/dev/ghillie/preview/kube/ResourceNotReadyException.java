package dev.ghillie.preview.kube;

import java.util.List;

/** A custom resource that did not become ready before the deadline; the message carries its status and events. */
public final class ResourceNotReadyException extends KubeException {

    private final String summary;
    private final List<String> details;

    ResourceNotReadyException(String summary, List<String> details) {
        super(DiagnosticText.join(summary, details));
        this.summary = summary;
        this.details = List.copyOf(details);
    }

    /** One line: which resource, what was waited for, for how long. */
    public String summary() {
        return summary;
    }

    /** Status fields, conditions and events, indented for printing under the summary. */
    public List<String> details() {
        return details;
    }
}
