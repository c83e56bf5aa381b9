package dev.ghillie.preview.kube;

import java.time.Duration;
import java.util.Objects;

/**
 * Which pod logs to show, like {@code kubectl logs -l ... --since --tail}.
 *
 * @param selection the pods, e.g. {@link LabelSelection#helmRelease}
 * @param since     only lines newer than this; {@code null} for all
 * @param tailLines only the last lines of each container; negative for all
 */
public record LogQuery(LabelSelection selection, Duration since, int tailLines) {

    public LogQuery {
        Objects.requireNonNull(selection, "selection");
        if (since != null && (since.isNegative() || since.isZero())) {
            throw new IllegalArgumentException("since must be positive, was " + since);
        }
    }

    /** Every line of every selected pod. */
    public static LogQuery all(LabelSelection selection) {
        return new LogQuery(selection, null, -1);
    }

    public LogQuery withSince(Duration newSince) {
        return new LogQuery(selection, newSince, tailLines);
    }

    public LogQuery withTailLines(int newTailLines) {
        return new LogQuery(selection, since, newTailLines);
    }
}
