package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.KubernetesRequirement;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterState;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code -Dghillie.preview.plan=true}: situations and the plan they give, on the mock API server with a fake provider
 * and Helm; and a plan followed by {@code up}'s steps, which must do what the plan said.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class PreviewPlanTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private Path kubeconfig;
    private final FakeProvider provider = new FakeProvider();
    private final FakeHelm helm = new FakeHelm();

    @BeforeEach
    void kubeconfig() throws Exception {
        kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
    }

    private ImageResult image(String version) throws Exception {
        Path tar = Files.writeString(tmp.resolve("image-" + version + ".tar"), "an image archive");
        return new ImageResult(
                "ghillie-runtime:" + version,
                "sha256:" + version.repeat(64 / version.length()),
                "sha256:" + "c".repeat(64),
                List.of(version),
                ImageTarget.TAR,
                Optional.of(tar));
    }

    /** Whether the settings select PostgreSQL (the app Secret then holds its URL). */
    private boolean postgresSelected;

    private KubernetesUpSteps steps() throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
        PlatformSettings platform = new PlatformSettings(
                postgresSelected,
                false,
                new ChartSource.Local(chart),
                new ChartSource.Local(chart),
                Duration.ofMinutes(1));
        PreviewSettings settings = PreviewSettings.builder()
                .clusterName("ghillie-local")
                .clusterTimeout(Duration.ofSeconds(30))
                .namespace("ghillie")
                .release("ghillie")
                .chartDir(chart)
                .access(AccessMode.INGRESS)
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(5))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(Map.of())
                .build();
        return new KubernetesUpSteps(
                settings, ServiceBuild.ALREADY_BUILT, null, provider, helm, ProgressSink.silent(), Optional.empty());
    }

    /** The steps' own decisions, but the image as a build would give it (no Jib here). */
    private static UpDecisions withImage(KubernetesUpSteps steps, ImageResult image) {
        return new UpDecisions() {
            @Override
            public Outcome<Void> preflight() {
                return steps.preflight();
            }

            @Override
            public ClusterDecision planCluster() {
                return steps.planCluster();
            }

            @Override
            public UpPlan.Step planPlatformService(String service, ClusterDecision cluster) {
                return steps.planPlatformService(service, cluster);
            }

            @Override
            public Outcome<Optional<ImageResult>> planImage(ClusterDecision cluster) {
                return Outcome.of(Optional.of(image), image.reference());
            }

            @Override
            public ImageLoad planImageLoad(ClusterDecision cluster, ImageResult built) {
                return steps.planImageLoad(cluster, built);
            }

            @Override
            public UpPlan.Step planRelease(ClusterDecision cluster, Optional<ImageResult> forPods) {
                return steps.planRelease(cluster, forPods);
            }
        };
    }

    private UpPlan plan(KubernetesUpSteps steps, ImageResult image) {
        return new PreviewUp(steps, PlatformSelection.NONE, line -> {}).plan(withImage(steps, image));
    }

    /** What up did, step by step, in the plan's words. */
    private Map<String, String> up(KubernetesUpSteps steps, ImageResult image) {
        Map<String, String> done = new LinkedHashMap<>();
        int loadsBefore = provider.loads.size();
        PreviewCluster cluster = steps.cluster().value();
        done.put(
                "cluster",
                Map.of(ClusterAction.CREATED, "create", ClusterAction.STARTED, "start", ClusterAction.REUSED, "reuse")
                        .get(cluster.action()));
        String appSecretChecksum = steps.appSecret(cluster, Map.of()).value();
        ImageResult forPods = steps.loadImage(cluster, image).value();
        done.put("image load", provider.loads.size() > loadsBefore ? "import" : "skip");
        String release = steps.release(cluster, forPods, appSecretChecksum).detail();
        done.put(
                "helm release",
                release.contains("installed") ? "install" : release.contains("upgraded") ? "upgrade" : "unchanged");
        return done;
    }

    /** A cluster, image and release as an earlier up of {@code version} left them. */
    private void earlierUp(String version) throws Exception {
        try (KubernetesUpSteps steps = steps()) {
            up(steps, image(version));
        }
        helm.calls.clear();
        provider.calls.clear();
    }

    static Stream<Arguments> situations() {
        return Stream.of(
                Arguments.of("first up: no cluster", null, "1", "create", "import", "install", "roll"),
                Arguments.of("nothing changed", "1", "1", "reuse", "skip", "unchanged", "wait"),
                Arguments.of("a code change: new image", "1", "2", "reuse", "import", "upgrade", "roll"),
                Arguments.of(
                        "cluster stopped",
                        "stopped",
                        "1",
                        "start",
                        "after the start",
                        "after the start",
                        "after the start"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void eachSituationGivesItsPlanAndChangesNothing(
            String situation,
            String before,
            String version,
            String cluster,
            String load,
            String release,
            String rollout)
            throws Exception {
        if ("stopped".equals(before)) {
            provider.state = "stopped";
        } else if (before != null) {
            earlierUp(before);
        }

        UpPlan plan;
        try (KubernetesUpSteps steps = steps()) {
            plan = plan(steps, image(version));
        }

        assertThat(plan.steps())
                .extracting(UpPlan.Step::step)
                .containsExactly(
                        "preflight",
                        "cluster",
                        "app secret",
                        "image build",
                        "image load",
                        "helm release",
                        "rollout",
                        "preview url");
        assertThat(List.of(
                        plan.decision("cluster"),
                        plan.decision("image load"),
                        plan.decision("helm release"),
                        plan.decision("rollout")))
                .containsExactly(cluster, load, release, rollout);
        assertThat(helm.calls).as("a plan changes no release").isEmpty();
        assertThat(provider.calls)
                .as("a plan creates, starts and loads nothing")
                .isEmpty();
    }

    @Test
    void anUpgradeListsTheValuesThatDiffer() throws Exception {
        earlierUp("1");

        UpPlan plan;
        try (KubernetesUpSteps steps = steps()) {
            plan = plan(steps, image("2"));
        }

        UpPlan.Step release = plan.steps().stream()
                .filter(step -> step.step().equals("helm release"))
                .findFirst()
                .orElseThrow();
        assertThat(release.detail()).isEqualTo("release ghillie in namespace ghillie: upgrade revision 1");
        assertThat(release.changes())
                .containsExactly(
                        "image.buildDigest: sha256:" + "1".repeat(64) + " -> sha256:" + "2".repeat(64),
                        "image.tag: 1 -> 2");
        assertThat(plan.lines())
                .contains(
                        "[plan 6/8] helm release: upgrade (release ghillie in namespace ghillie: upgrade revision 1)",
                        "      image.tag: 1 -> 2");
    }

    /** The proof that the plan is up's own decisions: after it, up does exactly what it said. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("situations")
    void upThenDoesWhatThePlanSaid(
            String situation,
            String before,
            String version,
            String cluster,
            String load,
            String release,
            String rollout)
            throws Exception {
        if ("stopped".equals(before)) {
            return; // what a stopped cluster holds is decided after its start, and the plan says so
        }
        if (before != null) {
            earlierUp(before);
        }
        try (KubernetesUpSteps steps = steps()) {
            ImageResult image = image(version);
            UpPlan plan = plan(steps, image);

            Map<String, String> done = up(steps, image);

            assertThat(done)
                    .isEqualTo(Map.of(
                            "cluster",
                            plan.decision("cluster"),
                            "image load",
                            plan.decision("image load"),
                            "helm release",
                            plan.decision("helm release")));
        }
    }

    /** up writes the new data service's URL into the Secret, whose checksum is a release value: the pods roll. */
    @Test
    void aDataServiceAddedToTheSelectionMakesTheReleaseWaitForTheSecretNotUnchanged() throws Exception {
        earlierUp("1");
        postgresSelected = true;

        UpPlan plan;
        try (KubernetesUpSteps steps = steps()) {
            plan = plan(steps, image("1"));
        }

        UpPlan.Step release = plan.steps().stream()
                .filter(step -> step.step().equals("helm release"))
                .findFirst()
                .orElseThrow();
        assertThat(release.decision()).isEqualTo("after the app secret");
        assertThat(release.detail()).contains("DATABASE_URL wanted");
    }

    @Test
    void thePlanIsWrittenAsJson() throws Exception {
        UpPlan plan;
        try (KubernetesUpSteps steps = steps()) {
            plan = plan(steps, image("1"));
        }
        Path file = tmp.resolve("work/plan.json");

        plan.write(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("goal").asText()).isEqualTo("up");
        assertThat(json.get("steps")).hasSize(8);
        assertThat(json.get("steps").get(1).get("step").asText()).isEqualTo("cluster");
        assertThat(json.get("steps").get(1).get("decision").asText()).isEqualTo("create");
        assertThat(json.get("steps").get(5).get("changes").isArray()).isTrue();
    }

    /** A provider whose cluster is the mock API server: absent, stopped or running, and which records what it is asked to change. */
    private final class FakeProvider implements ClusterProvider {
        volatile String state = "absent";
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<Path> loads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public String context() {
            return "fake-ghillie-local";
        }

        @Override
        public String describe() {
            return "cluster ghillie-local";
        }

        @Override
        public String preflight(Optional<KubernetesRequirement> kubernetes) {
            return "fake 1.0";
        }

        @Override
        public PreviewCluster ensure() {
            ClusterState before = state();
            ClusterAction action = ClusterAction.needed(!(before instanceof ClusterState.Absent), before.running());
            if (action != ClusterAction.REUSED) {
                calls.add(action.verb());
            }
            state = "running";
            return new PreviewCluster(
                    "ghillie-local", new HostPort("127.0.0.1", 6550), HostPort.NONE, kubeconfig, action, List.of());
        }

        @Override
        public ClusterState state() {
            return switch (state) {
                case "absent" -> new ClusterState.Absent("ghillie-local");
                case "stopped" -> new ClusterState.Stopped("ghillie-local", 1);
                default -> new ClusterState.Running("ghillie-local", 1, Optional.empty());
            };
        }

        @Override
        public Path kubeconfig() {
            return kubeconfig;
        }

        @Override
        public boolean loadsArchives() {
            return true;
        }

        @Override
        public String loadArchive(Path tar, PreviewCluster cluster) {
            calls.add("load " + tar.getFileName());
            loads.add(tar);
            return "imported into ghillie-local";
        }

        @Override
        public boolean ownsCluster() {
            return true;
        }

        @Override
        public boolean delete() {
            throw new AssertionError("up never deletes");
        }
    }

    /** Helm as far as up and its plan see it: a history with each revision's description, and the values it was given. */
    private static final class FakeHelm implements HelmClient {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<ReleaseRevision> history = new ArrayList<>();
        Map<String, String> deployedValues = Map.of();

        @Override
        public List<ReleaseRevision> history(ReleaseTarget target) {
            return List.copyOf(history);
        }

        @Override
        public ReleaseRevision upgradeInstall(ReleaseRequest request) {
            calls.add("upgrade --install " + request.target().name());
            if (!history.isEmpty()) {
                ReleaseRevision previous = history.removeLast();
                history.add(new ReleaseRevision(previous.revision(), "superseded", previous.description()));
            }
            ReleaseRevision made =
                    new ReleaseRevision(history.size() + 1, "deployed", ReleaseConverger.description(request));
            history.add(made);
            deployedValues = Map.copyOf(request.values());
            return made;
        }

        @Override
        public void uninstall(ReleaseTarget target) {
            calls.add("uninstall");
            history.clear();
        }

        @Override
        public void discardRevision(ReleaseTarget target, int revision) {
            calls.add("discard " + revision);
        }

        /** As helm get values prints them: nested YAML, a key's escaped dots kept in its name. */
        @Override
        public Optional<String> deployedValues(ReleaseTarget target) {
            if (history.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> tree = new TreeMap<>();
            deployedValues.forEach((key, value) -> {
                String[] parts = key.split("(?<!\\\\)\\.");
                Map<String, Object> node = tree;
                for (int i = 0; i < parts.length - 1; i++) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> child = (Map<String, Object>)
                            node.computeIfAbsent(parts[i].replace("\\.", "."), k -> new TreeMap<>());
                    node = child;
                }
                node.put(parts[parts.length - 1].replace("\\.", "."), value);
            });
            try {
                return Optional.of(new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                        .writeValueAsString(tree));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
    }
}
