package dev.ghillie.preview.kube;

import java.util.List;

/** A snapshot of pods for {@code preview:status}; {@link PodStatusReader} is the fabric8 implementation. */
@FunctionalInterface
public interface PodStatuses {

    /** The selected pods, sorted by name. */
    List<PodSummary> pods(LabelSelection selection);
}
