package dev.ghillie.preview.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.settings.PreviewSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lifecycle goals configured through the generated plugin descriptor, as Maven does it: they
 * act only in the service module, and a user mistake is one line without a stack trace. (Their
 * work against a real cluster is checked by the end-to-end tier.)
 */
@MojoTest
class PreviewGoalsTest {

    @Inject
    private MavenProject project;

    @Inject
    private org.apache.maven.execution.MavenSession session;

    @TempDir
    Path work;

    private Path chart;

    @BeforeEach
    void aServiceModule() throws Exception {
        Path classes = Files.createDirectories(work.resolve("target/classes"));
        project.getModel().setPackaging("jar");
        project.getBuild().setOutputDirectory(classes.toString());
        project.getProperties().setProperty("mainClass", "dev.ghillie.runtime.Main");
        chart = Files.createDirectories(work.resolve("charts/ghillie"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
    }

    @Test
    @InjectMojo(goal = "status")
    void goalsDoNothingOutsideTheServiceModule(StatusMojo mojo) {
        project.getModel().setPackaging("pom");

        // Acting here would run k3d, which this JVM's PATH does not have: it would fail.
        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }

    @Test
    @InjectMojo(goal = "status")
    void anUnknownOutputFormatIsOneLine(StatusMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "output", "xml");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("ghillie.preview.output='xml' is not an output format: use table or json")
                .hasNoCause();
    }

    @Test
    @InjectMojo(goal = "logs")
    void aBadDurationNamesItsProperty(LogsMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "since", "yesterday");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("ghillie.preview.since='yesterday' is not a duration: use e.g. 300s, 5m or 1m30s")
                .hasNoCause();
    }

    @Test
    @InjectMojo(goal = "dev")
    void devNamesABadDebounceBeforeTouchingAnything(DevMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "chart", chart.toFile());
        setVariableValueToObject(mojo, "debounceMillis", -5);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(
                        "ghillie.preview.debounceMillis=-5 is not between 0 and 3000: use e.g. 200 (milliseconds without a save"
                                + " before a round starts)")
                .hasNoCause();
        assertThat(work.resolve("target/ghillie-preview/preview.json")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "dev")
    void devsOwnDefaultsAreValid(DevMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "chart", chart.toFile());

        // It gets as far as up's preflight, which finds no k3d on this JVM's PATH.
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageNotContaining("debounce");
    }

    @Test
    @InjectMojo(goal = "up")
    void upRefusesBadSettingsBeforeTouchingAnything(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "chart", chart.toFile());
        setVariableValueToObject(mojo, "cluster", "Not_A_Cluster");
        setVariableValueToObject(mojo, "set", "replicaCount");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(
                        "ghillie.preview.set: 'replicaCount' is not key=value: use e.g. replicaCount=2,env.normal.MODE=demo")
                .hasNoCause();
        assertThat(work.resolve("target/ghillie-preview/preview.json")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "up")
    void upReportsEveryInvalidSettingAtOnce(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "chart", chart.toFile());
        setVariableValueToObject(mojo, "cluster", "Not_A_Cluster");
        setVariableValueToObject(mojo, "namespace", "-bad-");
        setVariableValueToObject(mojo, "baseImage", "tar://" + work.resolve("base.tar"));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasNoCause()
                .satisfies(
                        e -> assertThat(e.getMessage().lines())
                                .satisfiesExactly(
                                        line -> assertThat(line)
                                                .startsWith(
                                                        "ghillie.preview.cluster='Not_A_Cluster' is not a valid k3d cluster name"),
                                        line -> assertThat(line)
                                                .startsWith(
                                                        "ghillie.preview.namespace (GHILLIE_K3D_NAMESPACE, GHILLIE_NAMESPACE)='-bad-' is not a valid name")));
    }

    @Test
    @InjectMojo(goal = "status")
    void theDesignsVariablesFillInWhatNoPropertyGives(StatusMojo mojo) throws Exception {
        Files.writeString(work.resolve("ci.yaml"), "replicaCount: 1\n");
        Path otherChart = Files.createDirectories(work.resolve("deploy/chart"));
        setVariableValueToObject(
                mojo,
                "environment",
                Map.of(
                        "GHILLIE_CHART", otherChart.toString(),
                        "GHILLIE_RELEASE", "design-release",
                        "GHILLIE_NAMESPACE", "design-ns",
                        "INGRESS_PORT", "8088",
                        "HELM_ARGS", "-f " + work.resolve("ci.yaml") + " --set 'env.normal.GREETING=hello world'"));

        PreviewSettings settings = mojo.previewSettings();

        assertThat(settings.chartDir()).isEqualTo(otherChart);
        assertThat(settings.release()).isEqualTo("design-release");
        assertThat(settings.namespace()).isEqualTo("design-ns");
        assertThat(settings.ingressPort()).isEqualTo(8088);
        assertThat(settings.valuesFiles()).containsExactly(work.resolve("ci.yaml"));
        assertThat(settings.setValues()).containsExactly(Map.entry("env.normal.GREETING", "hello world"));
    }

    @Test
    @InjectMojo(goal = "status")
    void theProviderComesFromItsVariableAndDecidesHowThePreviewIsReached(StatusMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        assertThat(mojo.previewSettings().provider().kind()).isEqualTo(dev.ghillie.preview.settings.ProviderKind.K3D);
        assertThat(mojo.previewSettings().access()).isEqualTo(dev.ghillie.preview.settings.AccessMode.INGRESS);

        setVariableValueToObject(mojo, "environment", Map.of("GHILLIE_PREVIEW_PROVIDER", "kind"));
        assertThat(mojo.previewSettings().provider().kind()).isEqualTo(dev.ghillie.preview.settings.ProviderKind.KIND);
        assertThat(mojo.previewSettings().access()).isEqualTo(dev.ghillie.preview.settings.AccessMode.PORT_FORWARD);

        setVariableValueToObject(mojo, "access", "ingress");
        assertThat(mojo.previewSettings().access()).isEqualTo(dev.ghillie.preview.settings.AccessMode.INGRESS);

        setVariableValueToObject(mojo, "environment", Map.of("GHILLIE_PREVIEW_PROVIDER", "docker"));
        assertThatThrownBy(mojo::previewSettings)
                .hasMessage("ghillie.preview.provider='docker' is not a provider: use k3d, kind or"
                        + " existing (read from GHILLIE_PREVIEW_PROVIDER)");
    }

    @Test
    @InjectMojo(goal = "status")
    void theK3dVariablesBeatTheDesignsAndPropertiesBeatBoth(StatusMojo mojo) throws Exception {
        Path valuesFile = Files.writeString(work.resolve("property.yaml"), "replicaCount: 1\n");
        setVariableValueToObject(
                mojo,
                "environment",
                Map.of(
                        "GHILLIE_K3D_NAMESPACE",
                        "k3d-ns",
                        "GHILLIE_NAMESPACE",
                        "design-ns",
                        "GHILLIE_K3D_PORT",
                        "8089",
                        "INGRESS_PORT",
                        "8088",
                        "GHILLIE_RELEASE",
                        "design-release",
                        "GHILLIE_CHART",
                        "/nowhere",
                        "HELM_ARGS",
                        "--values=ci.yaml --set replicaCount=3"));
        assertThat(mojo.previewSettings().namespace()).isEqualTo("k3d-ns");
        assertThat(mojo.previewSettings().ingressPort()).isEqualTo(8089);

        setVariableValueToObject(mojo, "namespace", "property-ns");
        setVariableValueToObject(mojo, "port", "8090");
        setVariableValueToObject(mojo, "release", "property-release");
        setVariableValueToObject(mojo, "chart", chart.toFile());
        setVariableValueToObject(mojo, "valuesFiles", List.of(valuesFile.toFile()));
        setVariableValueToObject(mojo, "set", "replicaCount=2");
        PreviewSettings settings = mojo.previewSettings();

        assertThat(settings.namespace()).isEqualTo("property-ns");
        assertThat(settings.ingressPort()).isEqualTo(8090);
        assertThat(settings.release()).isEqualTo("property-release");
        assertThat(settings.chartDir()).isEqualTo(chart);
        assertThat(settings.valuesFiles()).containsExactly(valuesFile);
        assertThat(settings.setValues()).containsExactly(Map.entry("replicaCount", "2"));
    }

    @Test
    @InjectMojo(goal = "status")
    void withoutPropertiesOrVariablesTheDefaultsHold(StatusMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        setVariableValueToObject(
                mojo, "workDir", work.resolve("target/ghillie-preview").toFile());

        PreviewSettings settings = mojo.previewSettings();

        assertThat(settings.namespace()).isEqualTo("ghillie");
        assertThat(settings.release()).isEqualTo("ghillie");
        assertThat(settings.ingressPort()).isZero();
        Path rootChart =
                settings.projectDir().resolve("charts/ghillie").toAbsolutePath().normalize();
        assertThat(settings.chartDir())
                .isEqualTo(
                        Files.isRegularFile(rootChart.resolve("Chart.yaml"))
                                ? rootChart
                                : work.resolve("target/ghillie-preview/chart/ghillie"));
        assertThat(settings.valuesFiles()).isEmpty();
        assertThat(settings.setValues()).isEmpty();
    }

    /** A project's own charts/ghillie wins; without one, up deploys the chart the plugin carries, extracted under target/. */
    @Test
    @InjectMojo(goal = "up")
    void theRepositorysChartWinsOverThePluginsOwn(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        setVariableValueToObject(
                mojo, "workDir", work.resolve("target/ghillie-preview").toFile());
        session.getRequest().setMultiModuleProjectDirectory(work.toFile());

        assertThat(mojo.previewSettings().chartDir()).isEqualTo(chart);

        Files.delete(chart.resolve("Chart.yaml"));
        Path bundled = work.resolve("target/ghillie-preview/chart/ghillie");
        assertThat(mojo.previewSettings().chartDir()).isEqualTo(bundled);
        assertThat(bundled.resolve("Chart.yaml")).content().contains("name: ghillie");
        assertThat(bundled.resolve("templates/deployment.yaml")).exists();
    }

    /**
     * Run from the module in a repository without .mvn, Maven's multi-module directory is the module itself: the
     * repository's charts/ghillie beside the parent POM must still win over the plugin's own chart.
     */
    @Test
    @InjectMojo(goal = "up")
    void theRepositorysChartIsFoundFromAModuleThroughItsParent(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        Path module = Files.createDirectories(work.resolve("service"));
        setVariableValueToObject(
                mojo, "workDir", module.resolve("target/ghillie-preview").toFile());
        session.getRequest().setMultiModuleProjectDirectory(module.toFile());
        project.setFile(module.resolve("pom.xml").toFile());
        MavenProject parent = new MavenProject();
        parent.setFile(work.resolve("pom.xml").toFile());
        project.setParent(parent);

        assertThat(mojo.previewSettings().chartDir()).isEqualTo(chart);
        assertThat(module.resolve("target/ghillie-preview/chart")).doesNotExist();
    }

    /** -Dghillie.preview.portVariable= means "no variable", even when Maven hands the parameter an empty property as null. */
    @Test
    @InjectMojo(goal = "status")
    void anEmptyPortVariablePropertyMeansNone(StatusMojo mojo) throws Exception {
        assertThat(mojo.serviceConventions().portVariable()).contains("GHILLIE_PORT");

        session.getUserProperties().setProperty("ghillie.preview.portVariable", "");
        assertThat(mojo.serviceConventions().portVariable()).isEmpty();

        setVariableValueToObject(mojo, "portVariable", "PORT");
        assertThat(mojo.serviceConventions().portVariable()).contains("PORT");
    }

    /** Goals that install nothing do not extract it. */
    @Test
    @InjectMojo(goal = "status")
    void onlyUpExtractsThePluginsChart(StatusMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        setVariableValueToObject(
                mojo, "workDir", work.resolve("target/ghillie-preview").toFile());
        session.getRequest().setMultiModuleProjectDirectory(work.toFile());
        Files.delete(chart.resolve("Chart.yaml"));

        assertThat(mojo.previewSettings().chartDir()).isEqualTo(work.resolve("target/ghillie-preview/chart/ghillie"));
        assertThat(work.resolve("target/ghillie-preview/chart")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "up")
    void aBadVariableFailsTheGoalInOneLineNamingIt(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "chart", chart.toFile());
        setVariableValueToObject(mojo, "environment", Map.of("INGRESS_PORT", "8o8o"));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(
                        "ghillie.preview.port='8o8o' is not a port: use 1 to 65535, or 0 to pick a free loopback port (read from INGRESS_PORT)")
                .hasNoCause();

        setVariableValueToObject(mojo, "environment", Map.of("HELM_ARGS", "--wait --values ci.yaml"));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("HELM_ARGS: '--wait' is not supported: use --values FILE or --set key=value")
                .hasNoCause();
        assertThat(work.resolve("target/ghillie-preview/preview.json")).doesNotExist();
    }
}
