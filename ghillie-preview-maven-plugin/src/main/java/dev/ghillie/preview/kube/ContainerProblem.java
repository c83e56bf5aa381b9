package dev.ghillie.preview.kube;

import java.util.Set;

/**
 * A container that cannot become ready without someone changing something: a bad image, a crash loop, a missing
 * Secret key.
 *
 * @param pod       the pod's name
 * @param container the container's name
 * @param reason    the kubelet's waiting reason, e.g. {@code ImagePullBackOff}
 * @param message   the kubelet's message for that reason, on one line (may be empty)
 * @param image     the image the container runs
 */
public record ContainerProblem(String pod, String container, String reason, String message, String image) {

    /** The waiting reasons after which waiting longer does not help. */
    public static final Set<String> UNRECOVERABLE_REASONS = Set.of(
            "ImagePullBackOff",
            "ErrImagePull",
            "ErrImageNeverPull",
            "CrashLoopBackOff",
            "CreateContainerConfigError",
            "InvalidImageName");

    /**
     * Whether a waiting state with one of the {@link #UNRECOVERABLE_REASONS} will still clear by
     * itself: right after a cluster starts, the kubelet reports CreateContainerConfigError with
     * "failed to sync secret cache" until its watch on Secrets is up (seen on the end-to-end cluster),
     * and then starts the container. A missing Secret says "not found" instead.
     */
    public static boolean clearsByItself(String reason, String message) {
        return "CreateContainerConfigError".equals(reason) && message != null && message.contains("failed to sync");
    }

    /**
     * Whether the kubelet's message says more than the reason (why a pull or the configuration failed); a
     * crash loop's message only repeats the back-off, the logs say why.
     */
    public boolean explainsItself() {
        return !message.isEmpty() && !"CrashLoopBackOff".equals(reason);
    }

    /** What the user should do about this reason. */
    public String hint() {
        return switch (reason) {
            case "ImagePullBackOff", "ErrImagePull" ->
                "the node cannot get image " + image
                        + ": import it into the cluster (k3d image import) or fix the image reference";
            case "ErrImageNeverPull" ->
                "image " + image + " is not on the node and its pull policy is Never: "
                        + "import it into the cluster (k3d image import)";
            case "InvalidImageName" -> "the image reference " + image + " is not a valid image name";
            case "CrashLoopBackOff" -> "the container keeps exiting after it starts: see its last log lines below";
            case "CreateContainerConfigError" ->
                "the container's configuration cannot be built, usually a Secret or "
                        + "ConfigMap (or one of its keys) it refers to does not exist";
            default -> "see the pod's events below";
        };
    }
}
