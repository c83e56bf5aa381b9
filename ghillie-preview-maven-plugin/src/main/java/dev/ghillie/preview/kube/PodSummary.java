package dev.ghillie.preview.kube;

import java.time.Duration;

/**
 * One pod as {@code kubectl get pods} shows it.
 *
 * @param name            the pod's name
 * @param readyContainers containers passing their readiness probe
 * @param totalContainers app containers in the pod
 * @param phase           the pod's phase ({@code Pending}, {@code Running}, ...)
 * @param status          what kubectl prints as STATUS: a waiting reason like {@code CrashLoopBackOff}, a
 *                        termination reason, {@code Terminating}, or else the phase
 * @param restarts        container restarts, summed
 * @param age             time since the pod was created
 */
public record PodSummary(
        String name,
        int readyContainers,
        int totalContainers,
        String phase,
        String status,
        int restarts,
        Duration age) {

    /** {@code 1/1}. */
    public String ready() {
        return readyContainers + "/" + totalContainers;
    }

    /** Being deleted, as an old pod is for a while after a rollout replaced it. */
    public boolean terminating() {
        return "Terminating".equals(status);
    }

    /** Running with every container ready. */
    public boolean healthy() {
        return "Running".equals(phase) && "Running".equals(status) && readyContainers == totalContainers;
    }

    /** {@code 45s}, {@code 12m}, {@code 3h5m}, {@code 2d4h}: the coarse age kubectl prints. */
    public String ageText() {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m";
        }
        if (seconds < 86_400) {
            return (seconds / 3600) + "h" + ((seconds % 3600) / 60) + "m";
        }
        return (seconds / 86_400) + "d" + ((seconds % 86_400) / 3600) + "h";
    }
}
