package dev.ghillie.preview.mojo;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dCli;
import dev.ghillie.preview.cluster.K3dRegistry;
import dev.ghillie.preview.helm.BundledChart;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmJavaClient;
import dev.ghillie.preview.process.ProcessRunner;
import dev.ghillie.preview.process.SecretMasker;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.ClusterProviders;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.ChartOverrides;
import dev.ghillie.preview.settings.KeyValuePairs;
import dev.ghillie.preview.settings.PlatformSelection;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ProviderKind;
import dev.ghillie.preview.settings.ProviderSettings;
import dev.ghillie.preview.settings.ServiceConventions;
import dev.ghillie.preview.settings.SettingSources;
import dev.ghillie.preview.settings.SettingValue;
import dev.ghillie.preview.settings.SettingsException;
import dev.ghillie.preview.settings.SettingsValidator;
import dev.ghillie.preview.settings.ValkeyOperator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The settings every preview goal shares, translated into one {@link PreviewSettings}. Goals act in
 * the service module only (a jar with a main class), so running one from the reactor root gives one
 * preview, not one per module. User mistakes become a {@link MojoFailureException} with the
 * service's one-line message and no stack trace.
 */
abstract class AbstractPreviewMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skip the goal. */
    @Parameter(property = "ghillie.preview.skip", defaultValue = "false")
    protected boolean skip;

    /** Main class of the service; defaults to the project property {@code mainClass}. Modules without one are not the service and are skipped. */
    @Parameter(property = "ghillie.preview.mainClass")
    protected String mainClass;

    /** Which provider runs the cluster: k3d, kind or existing (env GHILLIE_PREVIEW_PROVIDER; default k3d). */
    @Parameter(property = "ghillie.preview.provider")
    private String provider;

    /** k3d or kind cluster name (env GHILLIE_K3D_CLUSTER; default ghillie-local). */
    @Parameter(property = "ghillie.preview.cluster")
    private String cluster;

    /** provider=existing: the kubeconfig file; default the KUBECONFIG environment variable's files, else ~/.kube/config. */
    @Parameter(property = "ghillie.preview.kubeconfig")
    private File kubeconfig;

    /** provider=existing: the context in the kubeconfig; default its current context. */
    @Parameter(property = "ghillie.preview.context")
    private String context;

    /**
     * provider=existing: allow a context whose name is not a local cluster's (k3d-*, kind-*, docker-desktop, minikube,
     * rancher-desktop, orbstack): previews must never land on a shared cluster by accident.
     */
    @Parameter(property = "ghillie.preview.allowRemote", defaultValue = "false")
    private boolean allowRemote;

    /** Namespace of the preview (env GHILLIE_K3D_NAMESPACE, then GHILLIE_NAMESPACE; default ghillie). */
    @Parameter(property = "ghillie.preview.namespace")
    private String namespace;

    /** Helm release name (env GHILLIE_RELEASE; default ghillie). */
    @Parameter(property = "ghillie.preview.release")
    private String release;

    /** Loopback ingress port of a new cluster (env GHILLIE_K3D_PORT, then INGRESS_PORT); 0 picks a free one. An existing cluster keeps its own. */
    @Parameter(property = "ghillie.preview.port")
    private String port;

    /** Agent nodes of a new cluster. */
    @Parameter(property = "ghillie.preview.agents", defaultValue = "0")
    private int agents;

    /** How long k3d may take to create or start the cluster (e.g. 180s, 5m). */
    @Parameter(property = "ghillie.preview.clusterTimeout", defaultValue = "180s")
    private String clusterTimeout;

    /** Also merge the cluster into the default kubeconfig (~/.kube/config); by default it is left untouched. */
    @Parameter(property = "ghillie.preview.updateDefaultKubeconfig", defaultValue = "false")
    private boolean updateDefaultKubeconfig;

    /** Docker daemon check before anything changes: auto (docker info when a docker CLI exists, else ask k3d) or skip. */
    @Parameter(property = "ghillie.preview.dockerCheck", defaultValue = "auto")
    private String dockerCheck;

    /** The Helm chart directory (env GHILLIE_CHART, relative to the repository root; default charts/ghillie there, or beside the module's or a parent's POM, when it exists, else the chart the plugin carries). */
    @Parameter(property = "ghillie.preview.chart")
    private File chart;

    /** Extra values files, applied after the chart's values-local.yaml, in order (env: HELM_ARGS' --values). */
    @Parameter(property = "ghillie.preview.valuesFiles")
    private List<File> valuesFiles;

    /** Extra chart values (--set), applied last. */
    @Parameter
    private Map<String, String> values;

    /** Extra chart values as a property: comma-separated key=value pairs (env: HELM_ARGS' --set, when neither this nor values is given). */
    @Parameter(property = "ghillie.preview.set")
    private String set;

    /**
     * How the preview URL reaches the service: ingress, or port-forward (127.0.0.1, held open for the rest of the build).
     * Default: ingress on k3d, port-forward on kind (no ingress controller) and existing.
     */
    @Parameter(property = "ghillie.preview.access")
    private String access;

    /** Loopback port of the port-forward; 0 picks a free one. */
    @Parameter(property = "ghillie.preview.localPort", defaultValue = "0")
    private int localPort;

    /** Data services through their operators: all, none, postgres, valkey, or postgres,valkey. */
    @Parameter(property = "ghillie.preview.platform", defaultValue = "all")
    private String platform;

    /** CloudNativePG operator chart: https://REPO#CHART, oci://REF, or a local .tgz or directory. */
    @Parameter(property = "ghillie.preview.cnpgChart", defaultValue = PlatformSettings.CLOUDNATIVE_PG_CHART)
    private String cnpgChart;

    /** CloudNativePG operator chart version. */
    @Parameter(property = "ghillie.preview.cnpgChartVersion", defaultValue = PlatformSettings.CLOUDNATIVE_PG_VERSION)
    private String cnpgChartVersion;

    /** Which operator runs Valkey: valkey-io (the Valkey project's own) or hyperspike. */
    @Parameter(property = "ghillie.preview.valkeyOperator", defaultValue = "valkey-io")
    private String valkeyOperator;

    /** Valkey operator chart: oci://REF, https://REPO#CHART, or a local .tgz or directory; unset: the operator's pinned chart. */
    @Parameter(property = "ghillie.preview.valkeyChart")
    private String valkeyChart;

    /** Valkey operator chart version; unset: the version pinned for the operator. */
    @Parameter(property = "ghillie.preview.valkeyChartVersion")
    private String valkeyChartVersion;

    /** How long each data service's step may take, from the operator's install to the Secret its operator writes. */
    @Parameter(property = "ghillie.preview.platformTimeout", defaultValue = "5m")
    private String platformTimeout;

    /** How long the rollout, and then the URL, may take. */
    @Parameter(property = "ghillie.preview.rolloutTimeout", defaultValue = "5m")
    private String rolloutTimeout;

    /** The port the service listens on in its container (the chart's containerPort). */
    @Parameter(property = "ghillie.preview.containerPort", defaultValue = "8080")
    private String containerPort;

    /** The path that answers 200 while the service lives: the startup and liveness probes, and up's check of the URL. */
    @Parameter(property = "ghillie.preview.healthPath", defaultValue = "/health")
    private String healthPath;

    /** The readiness probe's path; default /ready with the default healthPath (ghillie-runtime's pair), else the healthPath. */
    @Parameter(property = "ghillie.preview.readyPath")
    private String readyPath;

    /** The environment variable that tells the service its port (set to containerPort); default GHILLIE_PORT, empty for none. */
    @Parameter(property = "ghillie.preview.portVariable")
    private String portVariable;

    /** The Secret up writes the data services' URLs into, read by the pod with envFrom. */
    @Parameter(property = "ghillie.preview.appSecret", defaultValue = "ghillie")
    private String appSecret;

    /** The app Secret's key, and so the service's variable, holding the PostgreSQL URL. */
    @Parameter(property = "ghillie.preview.databaseUrlKey", defaultValue = "DATABASE_URL")
    private String databaseUrlKey;

    /** The app Secret's key, and so the service's variable, holding the Valkey URL. */
    @Parameter(property = "ghillie.preview.valkeyUrlKey", defaultValue = "VALKEY_URL")
    private String valkeyUrlKey;

    /** auto: up proves through /version that the new image answers when /version answers JSON, and says so when it does not; off: never asks. */
    @Parameter(property = "ghillie.preview.versionCheck", defaultValue = "auto")
    private String versionCheck;

    /** Where preview.json, image.tar and image.json go. */
    @Parameter(property = "ghillie.preview.workDir", defaultValue = "${project.build.directory}/ghillie-preview")
    protected File workDir;

    /** Where a project keeps its own chart, relative to the repository root. */
    private static final String DEFAULT_CHART = "charts/ghillie";

    /** What settings fall back to after their parameters; a field so that tests can give their own. */
    private Map<String, String> environment = System.getenv();

    /** Whether this module is the service the preview runs; logs why not. */
    protected boolean isServiceModule(String goal) {
        if (skip) {
            getLog().info("preview:" + goal + " skipped (ghillie.preview.skip)");
            return false;
        }
        if (!"jar".equals(project.getPackaging())) {
            getLog().info("preview:" + goal + ": nothing to do for " + project.getArtifactId() + " (packaging "
                    + project.getPackaging() + ")");
            return false;
        }
        if (serviceMainClass() == null) {
            getLog().info("preview:" + goal + ": nothing to do for " + project.getArtifactId()
                    + ": no main class (set ghillie.preview.mainClass or the project property mainClass)");
            return false;
        }
        return true;
    }

    protected String serviceMainClass() {
        String main = mainClass != null ? mainClass : project.getProperties().getProperty("mainClass");
        return main == null || main.isBlank() ? null : main.strip();
    }

    protected PreviewSettings previewSettings() {
        SettingSources sources = settingSources();
        Path projectDir = session.getRequest().getMultiModuleProjectDirectory() != null
                ? session.getRequest().getMultiModuleProjectDirectory().toPath()
                : project.getBasedir().toPath();
        ChartOverrides chartOverrides = sources.chartOverrides(
                valuesFiles == null
                        ? List.of()
                        : valuesFiles.stream()
                                .map(f -> f.toPath().toAbsolutePath())
                                .toList(),
                chartValues(),
                projectDir);
        PlatformSelection services = PlatformSelection.parse(platform);
        ValkeyOperator valkeyOperatorSetting = ValkeyOperator.parse(valkeyOperator);
        ProviderSettings providerSettings = providerSettings(sources);
        PlatformSettings platformSettings = new PlatformSettings(
                services.postgres(),
                services.valkey(),
                chartSource("ghillie.preview.cnpgChart", cnpgChart, cnpgChartVersion, projectDir),
                chartSource(
                        "ghillie.preview.valkeyChart",
                        orElse(valkeyChart, valkeyOperatorSetting.chart()),
                        orElse(valkeyChartVersion, valkeyOperatorSetting.chartVersion()),
                        projectDir),
                SettingsValidator.duration("ghillie.preview.platformTimeout", platformTimeout),
                valkeyOperatorSetting);
        return PreviewSettings.builder()
                .clusterName(sources.text(cluster, "GHILLIE_K3D_CLUSTER", "ghillie-local"))
                .agents(agents)
                .ingressPort(sources.port("ghillie.preview.port", port, List.of("GHILLIE_K3D_PORT", "INGRESS_PORT"), 0))
                .clusterTimeout(SettingsValidator.duration("ghillie.preview.clusterTimeout", clusterTimeout))
                .updateDefaultKubeconfig(updateDefaultKubeconfig)
                .namespace(sources.text(namespace, List.of("GHILLIE_K3D_NAMESPACE", "GHILLIE_NAMESPACE"), "ghillie"))
                .release(sources.text(release, "GHILLIE_RELEASE", "ghillie"))
                .chartDir(chartDir(sources, projectDir))
                .valuesFiles(chartOverrides.valuesFiles())
                .setValues(chartOverrides.setValues())
                .access(
                        access == null || access.isBlank()
                                ? providerSettings.kind().defaultAccess()
                                : AccessMode.parse(access))
                .localPort(localPort)
                .platform(platformSettings)
                .rolloutTimeout(SettingsValidator.duration("ghillie.preview.rolloutTimeout", rolloutTimeout))
                .projectDir(projectDir)
                .workDir(workDir.toPath())
                .registry(registry())
                .environment(environment)
                .service(serviceConventions())
                .provider(providerSettings)
                .build();
    }

    private ProviderSettings providerSettings(SettingSources sources) {
        ProviderKind kind = sources.find(provider, List.of(ProviderKind.VARIABLE))
                .map(ProviderKind::parse)
                .orElse(ProviderKind.K3D);
        return new ProviderSettings(
                kind,
                Optional.ofNullable(kubeconfig).map(file -> file.toPath().toAbsolutePath()),
                Optional.ofNullable(context).filter(name -> !name.isBlank()).map(String::strip),
                allowRemote);
    }

    /** What the preview assumes about the service; checked with every other setting when the goal validates. */
    protected ServiceConventions serviceConventions() {
        return ServiceConventions.of(
                containerPort,
                healthPath,
                readyPath,
                portVariableSetting(),
                appSecret,
                databaseUrlKey,
                valkeyUrlKey,
                versionCheck);
    }

    /**
     * Empty means "none" here, but Maven may hand an empty property to a parameter as null, which means "the default":
     * a property that is present and blank is read as given.
     */
    private String portVariableSetting() {
        if (portVariable != null) {
            return portVariable;
        }
        String property = "ghillie.preview.portVariable";
        for (java.util.Properties properties :
                List.of(session.getUserProperties(), project.getProperties(), session.getSystemProperties())) {
            if (properties.containsKey(property)) {
                return properties.getProperty(property);
            }
        }
        return null;
    }

    protected SettingSources settingSources() {
        return new SettingSources(environment);
    }

    /**
     * The chart parameter (Maven resolves it against the module), else GHILLIE_CHART against the repository root, else the
     * repository's charts/ghillie when it has one, else the chart the plugin carries, extracted under the work directory
     * by the goals that deploy it.
     */
    private Path chartDir(SettingSources sources, Path projectDir) {
        if (chart != null) {
            return chart.toPath().toAbsolutePath().normalize();
        }
        Optional<String> fromEnvironment =
                sources.find(null, List.of("GHILLIE_CHART")).map(SettingValue::text);
        if (fromEnvironment.isPresent()) {
            return projectDir.resolve(fromEnvironment.get()).toAbsolutePath().normalize();
        }
        for (Path root : chartRoots(projectDir)) {
            Path own = root.resolve(DEFAULT_CHART).toAbsolutePath().normalize();
            if (Files.isRegularFile(own.resolve("Chart.yaml"))) {
                return own;
            }
        }
        Path bundled =
                workDir.toPath().resolve("chart/ghillie").toAbsolutePath().normalize();
        if (deploysChart()) {
            new BundledChart().extractTo(bundled);
            getLog().info("Chart: the plugin's own ghillie chart (no " + DEFAULT_CHART + " in " + projectDir
                    + "), extracted to " + bundled);
        }
        return bundled;
    }

    /**
     * Where a project's own charts/ghillie may be: the repository root as Maven knows it, then the module and its parents
     * on disk. Without a .mvn directory Maven takes the directory it was started in as that root, so a goal run from
     * the module would otherwise miss the chart beside the parent POM and deploy the plugin's own instead.
     */
    private List<Path> chartRoots(Path projectDir) {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(projectDir.toAbsolutePath().normalize());
        for (MavenProject p = project; p != null; p = p.getParent()) {
            if (p.getBasedir() != null) {
                roots.add(p.getBasedir().toPath().toAbsolutePath().normalize());
            }
        }
        return List.copyOf(roots);
    }

    /** Whether this goal installs the chart, and so needs the plugin's own one on disk when the project has none. */
    protected boolean deploysChart() {
        return false;
    }

    /** The k3d registry {@code up} pushes to; only {@code up} has the setting. */
    protected Optional<K3dRegistry> registry() {
        return Optional.empty();
    }

    private Map<String, String> chartValues() {
        Map<String, String> all = new LinkedHashMap<>();
        if (values != null) {
            all.putAll(values);
        }
        if (set != null && !set.isBlank()) {
            all.putAll(KeyValuePairs.parse("ghillie.preview.set", set));
        }
        return all;
    }

    private static String orElse(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }

    private static ChartSource chartSource(String setting, String text, String version, Path projectDir) {
        try {
            return ChartSource.parse(text, version, projectDir);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(setting + "='" + text + "': " + e.getMessage());
        }
    }

    protected DockerCheck dockerCheckSetting() {
        return DockerCheck.parse(dockerCheck);
    }

    /** The engine's progress into this goal's log, a step's details beneath the step lines. */
    protected ProgressSink progress() {
        return new MavenProgress(getLog(), MavenProgress.UNDER_STEPS);
    }

    /** Runs k3d and docker with this build's environment; secrets never reach the debug log. */
    protected ProcessRunner processRunner(PreviewSettings settings) {
        return new ProcessRunner(settings.environment(), null, SecretMasker.none(), progress());
    }

    protected K3d k3d(PreviewSettings settings) {
        return new K3dCli(processRunner(settings));
    }

    /** The provider the settings name, over the tools on this build's PATH. */
    protected ClusterProvider clusterProvider(PreviewSettings settings) {
        return ClusterProviders.of(settings, processRunner(settings), dockerCheckSetting());
    }

    protected HelmJavaClient helm(PreviewSettings settings) {
        return new HelmJavaClient(settings.workDir());
    }

    /**
     * The one place user-facing failures become Maven's: the message alone, no stack trace (Maven
     * would append the cause's text to it). The cause stays visible with -X.
     */
    protected MojoFailureException failure(PreviewException e) {
        if (e.getCause() != null) {
            getLog().debug("cause of the failure above", e.getCause());
        }
        return new MojoFailureException(e.getMessage());
    }
}
