package dev.ghillie.preview.cluster;

/** What {@link ClusterLifecycle#ensure} had to do, for the step line. */
public enum ClusterAction {
    CREATED("created"),
    STARTED("started"),
    REUSED("reused");

    private final String verb;

    ClusterAction(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }

    /** The one rule, for {@code up} and for its plan: create when absent, start when stopped, reuse when running. */
    public static ClusterAction needed(boolean exists, boolean running) {
        if (!exists) {
            return CREATED;
        }
        return running ? REUSED : STARTED;
    }
}
