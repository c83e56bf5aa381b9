package dev.ghillie.preview.cluster;

import java.util.List;

/** Preflight found problems; the message has one line per problem, each naming the tool and the fix. */
public class PreflightException extends ClusterException {

    private final List<String> problems;

    public PreflightException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
