package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.kube.Namespaces;
import dev.ghillie.preview.platform.OperatorTarget;
import dev.ghillie.preview.provider.existing.ExistingClusterProvider;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ProviderKind;
import dev.ghillie.preview.settings.ProviderSettings;
import dev.ghillie.preview.settings.ServiceConventions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code down} on an existing cluster: what up made goes, nothing else; the cluster is never deleted. */
@EnableKubernetesMockClient(crud = true, https = false)
class ExistingClusterDownTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path tmp;

    private final List<String> calls = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private PreviewSettings settings;

    private final HelmClient helm = new DownHelm(calls);

    @BeforeEach
    void existingCluster() throws Exception {
        Path kubeconfig = MockServerKubeconfig.write(tmp.resolve("kubeconfig.yaml"), server);
        ChartSource chart = new ChartSource.Local(tmp);
        settings = PreviewSettings.builder()
                .clusterTimeout(Duration.ofMinutes(3))
                .namespace("team")
                .chartDir(tmp)
                .access(AccessMode.PORT_FORWARD)
                .platform(new PlatformSettings(true, true, chart, chart, Duration.ofMinutes(5)))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .provider(new ProviderSettings(ProviderKind.EXISTING, Optional.of(kubeconfig), Optional.empty(), false))
                .build();
    }

    static final ResourceDefinitionContext VALKEY_CLUSTER = new ResourceDefinitionContext.Builder()
            .withGroup("valkey.io")
            .withVersion("v1alpha1")
            .withKind("ValkeyCluster")
            .withPlural("valkeyclusters")
            .withNamespaced(true)
            .build();

    private void secret(String name, boolean ours) {
        var metadata = new SecretBuilder().withNewMetadata().withName(name).withNamespace("team");
        if (ours) {
            metadata.addToLabels("app.kubernetes.io/managed-by", "ghillie-preview");
        }
        client.secrets()
                .inNamespace("team")
                .resource(metadata.endMetadata().build())
                .create();
    }

    @Test
    void inANamespaceUpDidNotCreateItRemovesOnlyWhatUpLabelled() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("team")
                        .endMetadata()
                        .build())
                .create();
        secret("ghillie", true);
        secret("valkey-ghillie-users", true);
        secret("the-teams-own", false);
        client.genericKubernetesResources(OperatorTarget.postgres().type())
                .inNamespace("team")
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("postgresql.cnpg.io/v1")
                        .withKind("Cluster")
                        .withNewMetadata()
                        .withName("pg-ghillie")
                        .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                        .endMetadata()
                        .build())
                .create();
        client.genericKubernetesResources(OperatorTarget.postgres().type())
                .inNamespace("team")
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("postgresql.cnpg.io/v1")
                        .withKind("Cluster")
                        .withNewMetadata()
                        .withName("the-teams-db")
                        .endMetadata()
                        .build())
                .create();
        // The default operator's type (valkey-io's ValkeyCluster), not only CloudNativePG's.
        client.genericKubernetesResources(VALKEY_CLUSTER)
                .inNamespace("team")
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("valkey.io/v1alpha1")
                        .withKind("ValkeyCluster")
                        .withNewMetadata()
                        .withName("valkey-ghillie")
                        .addToLabels("app.kubernetes.io/managed-by", "ghillie-preview")
                        .endMetadata()
                        .build())
                .create();

        new PreviewDown(new ExistingClusterProvider(settings), helm, ProgressLines.to(lines::add)).run(settings, false);

        assertThat(calls).containsExactly("helm uninstall ghillie -n team");
        assertThat(client.secrets().inNamespace("team").list().getItems())
                .extracting(s -> s.getMetadata().getName())
                .containsExactly("the-teams-own");
        assertThat(client.genericKubernetesResources(OperatorTarget.postgres().type())
                        .inNamespace("team")
                        .list()
                        .getItems())
                .extracting(r -> r.getMetadata().getName())
                .containsExactly("the-teams-db");
        assertThat(client.genericKubernetesResources(VALKEY_CLUSTER)
                        .inNamespace("team")
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(client.namespaces().withName("team").get()).isNotNull();
        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("Secret ghillie and the data services deleted; namespace team kept (up did not"
                        + " create it); context k3d-ghillie-local (existing cluster) untouched");
    }

    @Test
    void aNamespaceUpCreatedGoesWithEverythingInIt() {
        Namespaces.ensure(client, "team");
        secret("ghillie", true);

        new PreviewDown(new ExistingClusterProvider(settings), helm, ProgressLines.to(lines::add)).run(settings, false);

        assertThat(client.namespaces().withName("team").get()).isNull();
        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("Secret ghillie and namespace team deleted; context k3d-ghillie-local"
                        + " (existing cluster) untouched");
    }

    @Test
    void aSecondDownAfterTheNamespaceWentHasNothingMoreToRemove() {
        new PreviewDown(new ExistingClusterProvider(settings), helm, ProgressLines.to(lines::add)).run(settings, false);

        assertThat(lines)
                .last()
                .asString()
                .isEqualTo("namespace team does not exist: nothing more to remove; context k3d-ghillie-local"
                        + " (existing cluster) untouched");
    }

    @Test
    void aSharedLookingContextIsRefusedBeforeDownTouchesAnything() throws Exception {
        Path kubeconfig = tmp.resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, Files.readString(kubeconfig).replace("k3d-ghillie-local", "prod-eu"));
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("team")
                        .endMetadata()
                        .build())
                .create();
        secret("ghillie", true);

        assertThatThrownBy(
                        () -> new PreviewDown(new ExistingClusterProvider(settings), helm, ProgressLines.to(lines::add))
                                .run(settings, false))
                .isInstanceOf(PreviewException.class)
                .hasMessageStartingWith("context 'prod-eu' is not a local cluster's")
                .hasMessageContaining("-Dghillie.preview.allowRemote=true");
        assertThat(calls).isEmpty();
        assertThat(client.secrets().inNamespace("team").withName("ghillie").get())
                .isNotNull();
    }

    @Test
    void aClusterWhoseApiDoesNotAnswerFailsAndRemovesNothing() throws Exception {
        int closed;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path dead = java.nio.file.Files.writeString(
                tmp.resolve("dead.yaml"),
                java.nio.file.Files.readString(tmp.resolve("kubeconfig.yaml"))
                        .replaceAll("server: .*", "server: http://127.0.0.1:" + closed));
        PreviewSettings deadSettings = new PreviewSettings(
                "ghillie-local",
                0,
                0,
                Duration.ofMinutes(3),
                false,
                "team",
                "ghillie",
                tmp,
                List.of(),
                Map.of(),
                AccessMode.PORT_FORWARD,
                0,
                settings.platform(),
                Duration.ofMinutes(5),
                tmp,
                tmp.resolve("work"),
                Optional.empty(),
                Map.of(),
                ServiceConventions.DEFAULTS,
                new ProviderSettings(ProviderKind.EXISTING, Optional.of(dead), Optional.empty(), false));

        assertThatThrownBy(() -> new PreviewDown(
                                new ExistingClusterProvider(deadSettings), helm, ProgressLines.to(lines::add))
                        .run(deadSettings, false))
                .isInstanceOf(PreviewException.class)
                .hasMessage("context k3d-ghillie-local (existing cluster): its API server http://127.0.0.1:" + closed
                        + " does not answer; nothing removed");
        assertThat(calls).isEmpty();
    }
}
