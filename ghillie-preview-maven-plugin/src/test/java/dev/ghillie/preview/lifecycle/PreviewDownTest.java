package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.cluster.ClusterSpec;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseRevision;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.kube.ReadinessCheck;
import dev.ghillie.preview.platform.CloudNativePgPostgres;
import dev.ghillie.preview.platform.PlatformWaits;
import dev.ghillie.preview.platform.ValkeyIoValkey;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true, https = false)
class PreviewDownTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private final List<String> calls = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    /** k3d double: one cluster (or none) whose kubeconfig points at the mock API server. */
    private K3d k3d(boolean exists, boolean running) throws Exception {
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
        return new K3d() {
            @Override
            public String version() {
                return "v5.8.3";
            }

            @Override
            public List<K3dCluster> list() {
                return find("ghillie-local").stream().toList();
            }

            @Override
            public Optional<K3dCluster> find(String name) {
                calls.add("find " + name);
                return exists
                        ? Optional.of(
                                new K3dCluster(name, running ? 1 : 0, 1, 0, 0, Optional.empty(), Optional.empty()))
                        : Optional.empty();
            }

            @Override
            public void create(ClusterSpec spec) {
                calls.add("create");
            }

            @Override
            public void start(String name) {
                calls.add("start");
            }

            @Override
            public void stop(String name) {
                calls.add("stop");
            }

            @Override
            public boolean delete(String name) {
                calls.add("delete " + name);
                return exists;
            }

            @Override
            public Path writeKubeconfig(String name) {
                return kubeconfig;
            }

            @Override
            public void importImage(Path tar, String cluster, dev.ghillie.preview.cluster.ImageImportMode mode) {
                calls.add("import");
            }
        };
    }

    private final HelmClient helm = new DownHelm(calls);

    private PreviewSettings settings() {
        ChartSource chart = new ChartSource.Local(tmp);
        return PreviewSettings.builder()
                .clusterTimeout(Duration.ofMinutes(3))
                .chartDir(tmp)
                .platform(new PlatformSettings(true, true, chart, chart, Duration.ofMinutes(5)))
                .projectDir(tmp)
                .workDir(tmp)
                .build();
    }

    @Test
    void nothingToRemoveIsSuccess() throws Exception {
        new PreviewDown(k3d(false, false), helm, ProgressLines.to(lines::add)).run(settings(), false);

        assertThat(lines).containsExactly("cluster ghillie-local does not exist: nothing to remove");
        assertThat(calls).containsExactly("find ghillie-local");
    }

    @Test
    void deletesTheCluster() throws Exception {
        new PreviewDown(k3d(true, true), helm, ProgressLines.to(lines::add)).run(settings(), false);

        assertThat(calls).containsExactly("find ghillie-local", "delete ghillie-local");
        assertThat(lines).containsExactly("cluster ghillie-local deleted");
    }

    @Test
    void keepingTheClusterRemovesReleaseSecretAndNamespaceOnly() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .endMetadata()
                        .build())
                .create();
        client.secrets()
                .inNamespace("ghillie")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .endMetadata()
                        .addToData("DATABASE_URL", "cG9zdGdyZXM6Ly8=")
                        .build())
                .create();

        new PreviewDown(k3d(true, true), helm, ProgressLines.to(lines::add)).run(settings(), true);

        assertThat(calls).containsExactly("find ghillie-local", "helm uninstall ghillie -n ghillie");
        assertThat(client.secrets().inNamespace("ghillie").withName("ghillie").get())
                .isNull();
        assertThat(client.namespaces().withName("ghillie").get()).isNull();
        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("Secret ghillie and namespace ghillie deleted; cluster ghillie-local kept");
    }

    @Test
    void keepingAStoppedClusterSaysWhatToDo() throws Exception {
        new PreviewDown(k3d(true, false), helm, ProgressLines.to(lines::add)).run(settings(), true);

        assertThat(calls).containsExactly("find ghillie-local");
        assertThat(lines).singleElement().asString().contains("is stopped: start it");
    }

    // --- Data kept across down (issue 12) ---

    private static final ResourceDefinitionContext CNPG_CLUSTER = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io")
            .withVersion("v1")
            .withKind("Cluster")
            .withPlural("clusters")
            .withNamespaced(true)
            .build();
    private static final ResourceDefinitionContext VALKEY_CLUSTER = new ResourceDefinitionContext.Builder()
            .withGroup("valkey.io")
            .withVersion("v1alpha1")
            .withKind("ValkeyCluster")
            .withPlural("valkeyclusters")
            .withNamespaced(true)
            .build();

    /** Helm double for the operator charts: the history it keeps makes the second up a no-op for them. */
    private final HelmClient operatorHelm = new HelmClient() {
        final Map<String, List<ReleaseRevision>> histories = new java.util.HashMap<>();

        @Override
        public List<ReleaseRevision> history(ReleaseTarget target) {
            return histories.getOrDefault(target.name(), List.of());
        }

        @Override
        public ReleaseRevision upgradeInstall(ReleaseRequest request) {
            ReleaseRevision made = new ReleaseRevision(1, "deployed", ReleaseConverger.description(request));
            histories.put(request.target().name(), List.of(made));
            return made;
        }

        @Override
        public void uninstall(ReleaseTarget target) {
            throw new AssertionError("up never uninstalls an operator");
        }

        @Override
        public void discardRevision(ReleaseTarget target, int revision) {}
    };

    /**
     * The operators' double: once a resource is applied they make what the real ones make for it, each only once, as an
     * operator reconciles what is there: CloudNativePG its {@code <cluster>-app} Secret (owned by the Cluster, with a
     * password of its own choosing: a new Cluster means a new password) and a data volume labelled {@code cnpg.io/cluster};
     * the valkey-io operator a data volume labelled {@code valkey.io/cluster}.
     */
    private final PlatformWaits operators = new PlatformWaits() {
        private int passwords;

        @Override
        public void deploymentsAvailable(String namespace, Map<String, String> labels, Duration timeout) {}

        @Override
        public GenericKubernetesResource resourceReady(
                ResourceDefinitionContext type, String namespace, String name, ReadinessCheck ready, Duration timeout) {
            GenericKubernetesResource resource = client.genericKubernetesResources(type)
                    .inNamespace(namespace)
                    .withName(name)
                    .get();
            if (type.getKind().equals("Cluster")
                    && client.secrets()
                                    .inNamespace(namespace)
                                    .withName(name + "-app")
                                    .get()
                            == null) {
                String uri =
                        "postgresql://ghillie:pw" + (++passwords) + "@pg-ghillie-rw." + namespace + ":5432/ghillie";
                client.secrets()
                        .inNamespace(namespace)
                        .resource(new SecretBuilder()
                                .withNewMetadata()
                                .withName(name + "-app")
                                .addToLabels("cnpg.io/userType", "app")
                                .addToLabels("app.kubernetes.io/managed-by", "cloudnative-pg")
                                .addToOwnerReferences(new OwnerReferenceBuilder()
                                        .withApiVersion("postgresql.cnpg.io/v1")
                                        .withKind("Cluster")
                                        .withName(name)
                                        .withUid(resource.getMetadata().getUid())
                                        .withController(true)
                                        .build())
                                .endMetadata()
                                .addToData("uri", base64(uri))
                                .build())
                        .createOr(NonDeletingOperation::update);
                volume(namespace, name + "-1", "cnpg.io/cluster", name);
            }
            if (type.getKind().equals("ValkeyCluster")) {
                volume(namespace, "valkey-" + name + "-0-0-data", "valkey.io/cluster", name);
            }
            return resource;
        }
    };

    private void volume(String namespace, String name, String label, String value) {
        if (client.persistentVolumeClaims()
                        .inNamespace(namespace)
                        .withName(name)
                        .get()
                == null) {
            client.persistentVolumeClaims()
                    .inNamespace(namespace)
                    .resource(new PersistentVolumeClaimBuilder()
                            .withNewMetadata()
                            .withName(name)
                            .addToLabels(label, value)
                            .endMetadata()
                            .withNewSpec()
                            .withVolumeName("pv-" + name)
                            .endSpec()
                            .build())
                    .createOr(NonDeletingOperation::update);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** up's two platform steps as up runs them, on the mock server; returns DATABASE_URL and VALKEY_URL. */
    private List<String> platformSteps() {
        ChartSource cnpgChart =
                new ChartSource.Repository("https://cloudnative-pg.github.io/charts", "cloudnative-pg", "0.29.0");
        ChartSource valkeyChart =
                new ChartSource.Repository("https://valkey.io/valkey-helm/", "valkey-operator", "0.4.0");
        Path kubeconfig = tmp.resolve("kubeconfig.yaml");
        String database = new CloudNativePgPostgres(
                        new ReleaseConverger(operatorHelm), operators, path -> client, cnpgChart, Duration.ofMinutes(1))
                .ensure(kubeconfig, "ghillie")
                .url()
                .reveal();
        String valkey = new ValkeyIoValkey(
                        new ReleaseConverger(operatorHelm),
                        operators,
                        path -> client,
                        valkeyChart,
                        Duration.ofMinutes(1))
                .ensure(kubeconfig, "ghillie")
                .url()
                .reveal();
        client.secrets()
                .inNamespace("ghillie")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                        .endMetadata()
                        .addToData("DATABASE_URL", base64(database))
                        .addToData("VALKEY_URL", base64(valkey))
                        .build())
                .createOr(NonDeletingOperation::update);
        return List.of(database, valkey);
    }

    private List<String> dataLeft() {
        List<String> left = new ArrayList<>();
        client.genericKubernetesResources(CNPG_CLUSTER)
                .inNamespace("ghillie")
                .list()
                .getItems()
                .forEach(r -> left.add("Cluster " + r.getMetadata().getName()));
        client.genericKubernetesResources(VALKEY_CLUSTER)
                .inNamespace("ghillie")
                .list()
                .getItems()
                .forEach(r -> left.add("ValkeyCluster " + r.getMetadata().getName()));
        client.persistentVolumeClaims()
                .inNamespace("ghillie")
                .list()
                .getItems()
                .forEach(
                        c -> left.add("PersistentVolumeClaim " + c.getMetadata().getName()));
        client.secrets()
                .inNamespace("ghillie")
                .list()
                .getItems()
                .forEach(s -> left.add("Secret " + s.getMetadata().getName()));
        return left;
    }

    @Test
    void keepingTheClusterKeepsTheDataServicesAndUpReusesThem() throws Exception {
        List<String> urls = platformSteps();
        K3d k3d = k3d(true, true);

        new PreviewDown(k3d, helm, ProgressLines.to(lines::add)).run(settings(), true);

        assertThat(client.namespaces().withName("ghillie").get())
                .as("the namespace holds the data: kept")
                .isNotNull();
        assertThat(dataLeft())
                .containsExactlyInAnyOrder(
                        "Cluster pg-ghillie",
                        "ValkeyCluster valkey-ghillie",
                        "PersistentVolumeClaim pg-ghillie-1",
                        "PersistentVolumeClaim valkey-valkey-ghillie-0-0-data",
                        "Secret pg-ghillie-app",
                        "Secret valkey-ghillie-users");
        assertThat(lines)
                .contains("kept data in namespace ghillie: Cluster pg-ghillie, ValkeyCluster valkey-ghillie,"
                        + " 2 PersistentVolumeClaims, 2 Secrets; -Dghillie.preview.dropData=true removes them");
        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("Secret ghillie deleted; namespace ghillie and cluster ghillie-local kept");
        assertThat(String.join("\n", lines)).doesNotContain("pw1");

        assertThat(platformSteps())
                .as("the next up finds the same passwords, so the same URLs")
                .isEqualTo(urls);
    }

    @Test
    void aRerunOfDownKeepingDataConverges() throws Exception {
        platformSteps();
        K3d k3d = k3d(true, true);
        new PreviewDown(k3d, helm, ProgressLines.to(lines::add)).run(settings(), true);
        lines.clear();

        new PreviewDown(k3d, helm, ProgressLines.to(lines::add)).run(settings(), true);

        assertThat(dataLeft()).hasSize(6);
        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("Secret ghillie deleted; namespace ghillie and cluster ghillie-local kept");
    }

    @Test
    void aVolumeCarryingADataServiceLabelIsKeptWithoutItsOperator() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .endMetadata()
                        .build())
                .create();
        volume("ghillie", "seed", "cnpg.io/cluster", "pg-ghillie");
        volume("ghillie", "scratch", "app", "other");

        new PreviewDown(k3d(true, true), helm, ProgressLines.to(lines::add)).run(settings(), true);

        assertThat(client.namespaces().withName("ghillie").get()).isNotNull();
        assertThat(lines)
                .contains(
                        "kept data in namespace ghillie: 1 PersistentVolumeClaim; -Dghillie.preview.dropData=true removes them");
    }

    @Test
    void dropDataRemovesTheDataServicesAndTheNamespace() throws Exception {
        platformSteps();

        new PreviewDown(k3d(true, true), helm, ProgressLines.to(lines::add)).run(settings(), true, true);

        assertThat(client.namespaces().withName("ghillie").get()).isNull();
        assertThat(dataLeft()).isEmpty();
        assertThat(lines)
                .contains("dropped data in namespace ghillie: Cluster pg-ghillie, ValkeyCluster valkey-ghillie,"
                        + " 2 PersistentVolumeClaims, 2 Secrets");
        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("Secret ghillie and namespace ghillie deleted; cluster ghillie-local kept");
    }

    @Test
    void dataInANamespaceBeingDeletedCannotBeKeptAndDownWaitsForIt() throws Exception {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("ghillie")
                        .endMetadata()
                        .build())
                .create();
        volume("ghillie", "pg-ghillie-1", "cnpg.io/cluster", "pg-ghillie");
        // The mock server clears a deletionTimestamp on writes: the first read answers what the API server would.
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/ghillie")
                .andReturn(
                        200,
                        new NamespaceBuilder()
                                .withNewMetadata()
                                .withName("ghillie")
                                .withDeletionTimestamp("2026-01-01T00:00:00Z")
                                .endMetadata()
                                .build())
                .once();

        new PreviewDown(k3d(true, true), helm, ProgressLines.to(lines::add)).run(settings(), true);

        assertThat(client.namespaces().withName("ghillie").get()).isNull();
        assertThat(lines).contains("namespace ghillie is being deleted already: its data cannot be kept");
        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("Secret ghillie and namespace ghillie deleted; cluster ghillie-local kept");
    }

    // --- Plan (issue 14) ---

    /** {@code down -Dghillie.preview.plan=true}: each situation's plan, nothing removed; then down does what it said. */
    @org.junit.jupiter.params.ParameterizedTest(name = "exists={0} running={1} keepCluster={2} dropData={3}")
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "false | false | false | false | cluster | nothing   | helm uninstall: no, delete: no",
                "true  | true  | false | false | cluster | delete    | helm uninstall: no, delete: yes",
                "true  | false | true  | false | release | nothing   | helm uninstall: no, delete: no",
                "true  | true  | true  | false | release | uninstall | helm uninstall: yes, delete: no",
                "true  | true  | true  | true  | release | uninstall | helm uninstall: yes, delete: no"
            })
    void thePlanRemovesNothingAndDownThenDoesWhatItSaid(
            boolean exists,
            boolean running,
            boolean keepCluster,
            boolean dropData,
            String step,
            String decision,
            String done)
            throws Exception {
        K3d k3d = k3d(exists, running);

        UpPlan plan = new PreviewDown(k3d, helm, ProgressLines.to(lines::add)).plan(settings(), keepCluster, dropData);

        assertThat(plan.goal()).isEqualTo("down");
        assertThat(plan.steps()).singleElement().satisfies(planned -> {
            assertThat(planned.step()).isEqualTo(step);
            assertThat(planned.decision()).isEqualTo(decision);
        });
        assertThat(calls).as("a plan removes nothing").allMatch(call -> call.startsWith("find "));
        assertThat(lines).isEmpty();

        calls.clear();
        new PreviewDown(k3d, helm, ProgressLines.to(lines::add)).run(settings(), keepCluster, dropData);

        String actual =
                "helm uninstall: " + (calls.stream().anyMatch(c -> c.startsWith("helm uninstall")) ? "yes" : "no")
                        + ", delete: " + (calls.stream().anyMatch(c -> c.startsWith("delete ")) ? "yes" : "no");
        assertThat(actual).isEqualTo(done);
        assertThat(decision.equals("delete")).isEqualTo(actual.endsWith("delete: yes"));
        assertThat(decision.equals("uninstall")).isEqualTo(actual.startsWith("helm uninstall: yes"));
    }
}
