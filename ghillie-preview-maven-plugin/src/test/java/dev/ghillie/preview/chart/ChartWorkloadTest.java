package dev.ghillie.preview.chart;

import static dev.ghillie.preview.chart.ChartUnderTest.DIGEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Deployment and Service: image, ports, probes, labels. */
class ChartWorkloadTest {

    @Test
    void defaultsRenderOnlyTheWorkloadObjects() {
        assertThat(ChartUnderTest.renderDefaults().kinds())
                .containsExactlyInAnyOrder("ServiceAccount", "Service", "Deployment");
    }

    @Test
    void imageDefaultsToTheAppVersionTag() {
        Manifests manifests = ChartUnderTest.renderDefaults();

        assertThat(manifests.container().getImage()).isEqualTo("ghillie-runtime:" + ChartUnderTest.APP_VERSION);
        assertThat(manifests.container().getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(manifests.env("GHILLIE_IMAGE_DIGEST")).isEmpty();
    }

    @Test
    void aDigestPinsTheImageAndIsPassedToTheRuntime() {
        Manifests manifests =
                ChartUnderTest.render(template -> template.set("image.repository", "k3d-registry:5000/shop")
                        .set("image.tag", "dev")
                        .set("image.digest", DIGEST));

        assertThat(manifests.container().getImage()).isEqualTo("k3d-registry:5000/shop@" + DIGEST);
        assertThat(manifests.env("GHILLIE_IMAGE_DIGEST")).contains(DIGEST);
    }

    @Test
    void aBuildDigestIsReportedWithoutPinningTheImage() {
        Manifests manifests = ChartUnderTest.render(
                template -> template.set("image.tag", "0.1.0-abc123").set("image.buildDigest", DIGEST));

        assertThat(manifests.container().getImage()).isEqualTo("ghillie-runtime:0.1.0-abc123");
        assertThat(manifests.env("GHILLIE_IMAGE_DIGEST")).contains(DIGEST);
    }

    @Test
    void aTagWithoutDigestIsUsedAsIs() {
        Manifests manifests = ChartUnderTest.render(template -> template.set("image.tag", "pr-42"));

        assertThat(manifests.container().getImage()).isEqualTo("ghillie-runtime:pr-42");
    }

    @Test
    void containerListensOnANamedHttpPortThatTheRuntimeIsToldAbout() {
        Manifests manifests = ChartUnderTest.renderDefaults();

        assertThat(manifests.container().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(manifests.env("GHILLIE_PORT")).contains("8080");
    }

    @Test
    void probesAskTheRuntimeOnTheHttpPort() {
        Container container = ChartUnderTest.renderDefaults().container();

        assertHttpProbe(container.getLivenessProbe(), "/health");
        assertHttpProbe(container.getReadinessProbe(), "/ready");
        assertHttpProbe(container.getStartupProbe(), "/health");
        // The runtime's dependency checks give up after 2 s: readiness must wait longer.
        assertThat(container.getReadinessProbe().getTimeoutSeconds()).isGreaterThan(2);
    }

    @Test
    void probeTimingsAndPathsCanBeOverridden() {
        Container container = ChartUnderTest.render(template -> template.set("probes.readiness.periodSeconds", 7)
                        .set("probes.liveness.failureThreshold", 9)
                        .set("probes.liveness.path", "/alive"))
                .container();

        assertThat(container.getReadinessProbe().getPeriodSeconds()).isEqualTo(7);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(container.getLivenessProbe().getFailureThreshold()).isEqualTo(9);
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/alive");
    }

    @Test
    void aDifferentContainerPortMovesPortProbesAndVariableTogether() {
        Manifests manifests = ChartUnderTest.render(template -> template.set("containerPort", 9090));

        assertThat(manifests.container().getPorts().getFirst().getContainerPort())
                .isEqualTo(9090);
        assertThat(manifests.env("GHILLIE_PORT")).contains("9090");
        assertThat(manifests.container().getReadinessProbe().getHttpGet().getPort())
                .isEqualTo(new IntOrString("http"));
        assertThat(manifests.one(Service.class).getSpec().getPorts().getFirst().getTargetPort())
                .isEqualTo(new IntOrString("http"));
    }

    /** Another service reads its port from another variable, or from none at all. */
    @Test
    void thePortVariableIsNamedByPortVariableOrLeftOut() {
        Manifests renamed = ChartUnderTest.render(
                template -> template.set("containerPort", 9090).set("portVariable", "PORT"));
        assertThat(renamed.env("PORT")).contains("9090");
        assertThat(renamed.env("GHILLIE_PORT")).isEmpty();

        Manifests none = ChartUnderTest.render(
                template -> template.set("containerPort", 9090).set("portVariable", ""));
        assertThat(none.container().getEnv()).isNullOrEmpty();
        assertThat(none.container().getPorts().getFirst().getContainerPort()).isEqualTo(9090);

        Manifests noneWithDigest = ChartUnderTest.render(
                template -> template.set("portVariable", "").set("image.buildDigest", DIGEST));
        assertThat(noneWithDigest.container().getEnv())
                .singleElement()
                .satisfies(variable -> assertThat(variable.getName()).isEqualTo("GHILLIE_IMAGE_DIGEST"));
    }

    @Test
    void aPortVariableThatIsNoVariableNameIsRefusedByTheSchema() {
        assertThatThrownBy(() -> ChartUnderTest.render(template -> template.set("portVariable", "MY-PORT")))
                .hasMessageContaining("portVariable");
    }

    @Test
    void serviceForwardsItsPortToTheNamedContainerPort() {
        Service service = ChartUnderTest.render(template -> template.set("service.port", 80))
                .one(Service.class);
        ServicePort port = service.getSpec().getPorts().getFirst();

        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(port.getName()).isEqualTo("http");
        assertThat(port.getPort()).isEqualTo(80);
        assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
        assertThat(service.getSpec().getSelector()).isEqualTo(selectorLabels());
    }

    @Test
    void everyObjectCarriesTheStandardLabels() {
        for (HasMetadata object :
                ChartUnderTest.renderWith("values-gitops-example.yaml").objects()) {
            assertThat(object.getMetadata().getLabels())
                    .as(object.getKind())
                    .containsAllEntriesOf(Map.of(
                            "app.kubernetes.io/name", "ghillie",
                            "app.kubernetes.io/instance", ChartUnderTest.RELEASE,
                            "app.kubernetes.io/version", ChartUnderTest.APP_VERSION,
                            "app.kubernetes.io/managed-by", "Helm",
                            "helm.sh/chart", "ghillie-0.3.0"));
        }
    }

    /** Selectors are immutable: only name and instance, nothing that changes with a chart or app version. */
    @Test
    void selectorHoldsOnlyNameAndInstance() {
        Deployment deployment = ChartUnderTest.render(
                        template -> template.set("image.tag", "pr-7").set("podLabels.team", "payments"))
                .deployment();

        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(selectorLabels());
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(selectorLabels())
                .containsEntry("team", "payments");
    }

    @Test
    void podLabelsCannotReplaceTheSelectorLabels() {
        Deployment deployment = ChartUnderTest.render(
                        template -> template.set("podLabels.app\\.kubernetes\\.io/name", "other"))
                .deployment();

        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(selectorLabels());
    }

    @Test
    void commandAndArgsReplaceTheImageEntrypointOnlyWhenGiven() {
        Container defaults = ChartUnderTest.renderDefaults().container();
        Container custom = ChartUnderTest.render(template -> template.set("command[0]", "java")
                        .set("args[0]", "-jar")
                        .set("args[1]", "app.jar"))
                .container();

        assertThat(defaults.getCommand()).isNullOrEmpty();
        assertThat(defaults.getArgs()).isNullOrEmpty();
        assertThat(custom.getCommand()).containsExactly("java");
        assertThat(custom.getArgs()).containsExactly("-jar", "app.jar");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.20.2", "v1.20.2+k3s1", "1.31.0"})
    void installsOnKubernetes120AndLater(String kubeVersion) {
        Manifests manifests = ChartUnderTest.render(template -> template.withKubeVersion(kubeVersion)
                .withValuesFile(ChartUnderTest.valuesFile("values-gitops-example.yaml")));

        assertThat(manifests.kinds()).contains("Deployment", "Ingress");
    }

    @Test
    void refusesKubernetesOlderThan120() {
        assertThatThrownBy(() -> ChartUnderTest.render(template -> template.withKubeVersion("1.19.16")))
                .hasMessageContaining(
                        "chart requires kubeVersion: >=1.20.0-0 which is incompatible with Kubernetes v1.19.16");
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe for %s", path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    private static Map<String, String> selectorLabels() {
        return Map.of("app.kubernetes.io/name", "ghillie", "app.kubernetes.io/instance", ChartUnderTest.RELEASE);
    }
}
