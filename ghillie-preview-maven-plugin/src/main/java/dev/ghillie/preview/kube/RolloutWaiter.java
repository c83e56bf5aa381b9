package dev.ghillie.preview.kube;

import dev.ghillie.preview.Deadline;
import dev.ghillie.preview.DurationText;
import dev.ghillie.preview.ProgressSink;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Waits, like Skaffold's status check, until every Deployment of a {@link LabelSelection} (a Helm release, an
 * operator chart) is rolled out, printing one line per Deployment as it becomes ready. Gives up early when a
 * container is in a state that waiting cannot fix, and at the deadline; both with a diagnosis in the exception.
 *
 * <p>Polls rather than watches: a handful of Deployments, a one-second rhythm, and no watch reconnect logic to
 * get wrong against different API servers.
 */
public final class RolloutWaiter {

    /** How many log lines of a failing container the diagnosis shows by default. */
    public static final int DEFAULT_LOG_LINES = 20;

    private static final String REVISION = "deployment.kubernetes.io/revision";

    private final KubernetesClient client;
    private final ProgressSink progress;
    private final PodInspector inspector;

    public RolloutWaiter(KubernetesClient client, ProgressSink progress) {
        this(client, progress, DEFAULT_LOG_LINES);
    }

    public RolloutWaiter(KubernetesClient client, ProgressSink progress, int logLines) {
        if (logLines < 0) {
            throw new IllegalArgumentException("logLines must not be negative, was " + logLines);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.inspector = new PodInspector(client, logLines);
    }

    /**
     * Returns once every Deployment of {@code selection} (at least one) is rolled out.
     *
     * @throws RolloutFailedException when a container cannot start or the deadline passes
     */
    public RolloutResult await(LabelSelection selection, WaitPolicy policy) {
        Deadline deadline = Deadline.after(policy.timeout());
        Set<String> announced = new LinkedHashSet<>();
        while (true) {
            List<Deployment> deployments = deployments(selection);
            List<DeploymentRollout> rollouts =
                    deployments.stream().map(DeploymentRollout::of).toList();
            for (DeploymentRollout rollout : rollouts) {
                if (rollout.ready() && announced.add(rollout.name())) {
                    progress.detail(rollout.name() + " is ready [" + announced.size() + "/" + rollouts.size() + "]");
                }
            }
            if (!rollouts.isEmpty() && rollouts.stream().allMatch(DeploymentRollout::ready)) {
                return new RolloutResult(
                        rollouts.stream().map(DeploymentRollout::name).toList(), deadline.elapsed());
            }
            try {
                for (int i = 0; i < deployments.size(); i++) {
                    if (!rollouts.get(i).ready()) {
                        failFast(selection, deployments.get(i), rollouts.get(i));
                    }
                }
                if (deadline.expired()) {
                    throw deadlineReached(selection, policy, deployments, rollouts);
                }
            } catch (KubernetesClientException e) {
                throw ApiFailure.of("read the pods of " + selection.describe(), e);
            }
            deadline.sleep(policy.pollInterval(), "the rollout of " + selection.describe());
        }
    }

    private void failFast(LabelSelection selection, Deployment deployment, DeploymentRollout rollout) {
        List<Pod> pods = currentPods(deployment);
        for (Pod pod : pods) {
            Optional<ContainerProblem> problem = inspector.unrecoverable(pod);
            if (problem.isPresent()) {
                ContainerProblem p = problem.get();
                List<String> details = new ArrayList<>();
                details.add("  hint: " + p.hint());
                details.addAll(inspector.describe(pod));
                throw new RolloutFailedException(
                        RolloutFailedException.Cause.CONTAINER_FAILED,
                        rollout.name() + " in namespace " + selection.namespace() + " cannot become ready: pod "
                                + p.pod() + ", container " + p.container() + " is in " + p.reason()
                                + (p.explainsItself() ? " (" + p.message() + ")" : "") + ".",
                        details);
            }
        }
        if (rollout.stalled()) {
            List<String> details = new ArrayList<>();
            pods.stream().filter(p -> !PodReadiness.isReady(p)).forEach(p -> details.addAll(inspector.describe(p)));
            throw new RolloutFailedException(
                    RolloutFailedException.Cause.PROGRESS_DEADLINE_EXCEEDED,
                    rollout.name() + " in namespace " + selection.namespace() + " " + rollout.waitingFor(),
                    details);
        }
    }

    private RolloutFailedException deadlineReached(
            LabelSelection selection,
            WaitPolicy policy,
            List<Deployment> deployments,
            List<DeploymentRollout> rollouts) {
        String after = " after " + DurationText.of(policy.timeout());
        if (deployments.isEmpty()) {
            return new RolloutFailedException(
                    RolloutFailedException.Cause.DEADLINE_EXCEEDED,
                    "No Deployment labelled " + selection.describe() + " appeared" + after
                            + ": check that the chart was installed into that namespace.",
                    List.of());
        }
        List<String> details = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < deployments.size(); i++) {
            DeploymentRollout rollout = rollouts.get(i);
            if (rollout.ready()) {
                continue;
            }
            pending.add(rollout.name());
            details.add("  " + rollout.name() + ": " + rollout.waitingFor());
            List<Pod> pods = currentPods(deployments.get(i));
            if (pods.isEmpty()) {
                details.add("    no pods yet");
            }
            pods.stream().filter(p -> !PodReadiness.isReady(p)).forEach(p -> details.addAll(inspector.describe(p)));
        }
        return new RolloutFailedException(
                RolloutFailedException.Cause.DEADLINE_EXCEEDED,
                "Rollout of " + selection.describe() + " not finished" + after + ": " + String.join(", ", pending)
                        + " not ready.",
                details);
    }

    private List<Deployment> deployments(LabelSelection selection) {
        try {
            return client
                    .apps()
                    .deployments()
                    .inNamespace(selection.namespace())
                    .withLabels(selection.labels())
                    .list()
                    .getItems()
                    .stream()
                    .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
                    .toList();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of("list the Deployments labelled " + selection.describe(), e);
        }
    }

    /**
     * The pods of the Deployment's current ReplicaSet, so that crash-looping pods of an earlier, failed rollout do
     * not fail a rollout that fixes them. Falls back to every pod matching the selector when ReplicaSets are not
     * visible.
     */
    private List<Pod> currentPods(Deployment deployment) {
        String namespace = deployment.getMetadata().getNamespace();
        Map<String, String> matchLabels = deployment.getSpec().getSelector() == null
                ? null
                : deployment.getSpec().getSelector().getMatchLabels();
        if (matchLabels == null || matchLabels.isEmpty()) {
            return List.of();
        }
        List<Pod> pods = client.pods()
                .inNamespace(namespace)
                .withLabels(matchLabels)
                .list()
                .getItems();
        String revision = annotation(deployment.getMetadata().getAnnotations());
        Optional<String> currentReplicaSet = revision == null
                ? Optional.empty()
                : client.apps().replicaSets().inNamespace(namespace).withLabels(matchLabels).list().getItems().stream()
                        .filter(rs -> ownedBy(
                                rs.getMetadata().getOwnerReferences(),
                                deployment.getMetadata().getUid()))
                        .filter(rs ->
                                revision.equals(annotation(rs.getMetadata().getAnnotations())))
                        .map(ReplicaSet::getMetadata)
                        .map(m -> m.getUid())
                        .findFirst();
        return currentReplicaSet
                .map(uid -> pods.stream()
                        .filter(p -> ownedBy(p.getMetadata().getOwnerReferences(), uid))
                        .toList())
                .orElse(pods);
    }

    private static String annotation(Map<String, String> annotations) {
        return annotations == null ? null : annotations.get(REVISION);
    }

    private static boolean ownedBy(List<OwnerReference> owners, String uid) {
        return uid != null && owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()));
    }
}
