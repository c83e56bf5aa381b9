package dev.ghillie.preview.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ghillie.preview.kube.PodSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code preview:status} found: a table for people, JSON for machines. {@link #healthy()}
 * is what {@code failOnUnhealthy} checks.
 *
 * @param healthPath the path asked for {@code healthAnswers} (the service's ghillie.preview.healthPath), named in the table
 * @param provider   the provider that runs the cluster (k3d, kind, existing)
 * @param context    the Kubernetes context status asked
 */
public record StatusReport(
        String cluster,
        String clusterState,
        int nodes,
        String namespace,
        Optional<ReleaseStatus> release,
        List<PodSummary> pods,
        Optional<String> url,
        Optional<Boolean> healthAnswers,
        String healthPath,
        String provider,
        String context) {

    /** The app's Helm release as Helm records it. */
    public record ReleaseStatus(String name, int revision, String status) {
    }

    public StatusReport {
        pods = List.copyOf(pods);
    }

    /** Asked at ghillie-runtime's health path, /health. */
    public StatusReport(String cluster, String clusterState, int nodes, String namespace, Optional<ReleaseStatus> release,
            List<PodSummary> pods, Optional<String> url, Optional<Boolean> healthAnswers) {
        this(cluster, clusterState, nodes, namespace, release, pods, url, healthAnswers, "/health");
    }

    /** On k3d, whose context is named after the cluster. */
    public StatusReport(String cluster, String clusterState, int nodes, String namespace, Optional<ReleaseStatus> release,
            List<PodSummary> pods, Optional<String> url, Optional<Boolean> healthAnswers, String healthPath) {
        this(cluster, clusterState, nodes, namespace, release, pods, url, healthAnswers, healthPath, "k3d", "k3d-" + cluster);
    }

    /**
     * Cluster running, release deployed, the health path answering, and every pod that is not on its way
     * out healthy (a pod a rollout replaced stays listed as Terminating for its grace period).
     */
    public boolean healthy() {
        List<PodSummary> serving = pods.stream().filter(pod -> !pod.terminating()).toList();
        return "running".equals(clusterState)
                && release.map(r -> "deployed".equals(r.status())).orElse(false)
                && !serving.isEmpty() && serving.stream().allMatch(PodSummary::healthy)
                && healthAnswers.orElse(false);
    }

    public String toTable() {
        List<String> lines = new ArrayList<>();
        lines.add("provider   " + provider + ", context " + context);
        lines.add("cluster    " + cluster + ": " + clusterState + (nodes > 0 ? ", " + nodes + " node(s)" : ""));
        lines.add("release    " + release.map(r -> r.name() + " revision " + r.revision() + ": " + r.status()).orElse("(none)")
                + " in namespace " + namespace);
        lines.add("url        " + url.orElse("(none)") + healthAnswers.map(ok -> "  " + healthPath + (ok ? ": 200" : ": not answering")).orElse(""));
        lines.add(String.format("%-40s %-6s %-10s %-22s %8s %6s", "POD", "READY", "PHASE", "STATUS", "RESTARTS", "AGE"));
        if (pods.isEmpty()) {
            lines.add("(no pods)");
        }
        for (PodSummary pod : pods) {
            lines.add(String.format("%-40s %-6s %-10s %-22s %8d %6s", pod.name(), pod.ready(), pod.phase(), pod.status(),
                    pod.restarts(), pod.ageText()));
        }
        lines.add("overall    " + (healthy() ? "healthy" : "NOT healthy"));
        return String.join(System.lineSeparator(), lines);
    }

    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("provider", provider).put("context", context);
        root.putObject("cluster").put("name", cluster).put("state", clusterState).put("nodes", nodes);
        root.put("namespace", namespace);
        release.ifPresentOrElse(r -> root.putObject("release").put("name", r.name()).put("revision", r.revision()).put("status", r.status()),
                () -> root.putNull("release"));
        ArrayNode podArray = root.putArray("pods");
        for (PodSummary pod : pods) {
            podArray.addObject().put("name", pod.name()).put("ready", pod.ready()).put("phase", pod.phase()).put("status", pod.status())
                    .put("restarts", pod.restarts()).put("ageSeconds", pod.age().toSeconds());
        }
        url.ifPresentOrElse(u -> root.put("url", u), () -> root.putNull("url"));
        healthAnswers.ifPresentOrElse(ok -> root.put("healthAnswers", ok), () -> root.putNull("healthAnswers"));
        root.put("healthy", healthy());
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
