package dev.ghillie.preview.lifecycle;

/** How one part of the preview is doing, from good to bad: {@code preview:status} colours its word by it. */
public enum PartState {
    /** As it should be. */
    OK,
    /** Not there yet, and may get there by itself (a pod starting, a data service not ready yet, a Helm run pending). */
    WARN,
    /** Broken or missing: someone must act. */
    FAIL;

    /** The worse of the two. */
    PartState worse(PartState other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
