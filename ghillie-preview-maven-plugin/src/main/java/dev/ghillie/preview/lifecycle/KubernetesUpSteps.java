package dev.ghillie.preview.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.ProgressSink;
import dev.ghillie.preview.SecretValue;
import dev.ghillie.preview.Sha256;
import dev.ghillie.preview.cluster.ClusterAction;
import dev.ghillie.preview.cluster.ClusterException;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.HostPort;
import dev.ghillie.preview.cluster.K3d;
import dev.ghillie.preview.cluster.K3dRegistry;
import dev.ghillie.preview.cluster.KubernetesRequirement;
import dev.ghillie.preview.cluster.KubernetesVersion;
import dev.ghillie.preview.cluster.Preflight;
import dev.ghillie.preview.cluster.PreviewCluster;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.helm.HelmClient;
import dev.ghillie.preview.helm.ReleaseConverger;
import dev.ghillie.preview.helm.ReleaseFingerprint;
import dev.ghillie.preview.helm.ReleaseRequest;
import dev.ghillie.preview.helm.ReleaseTarget;
import dev.ghillie.preview.image.ImageResult;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.image.ImageTarget;
import dev.ghillie.preview.image.RegistryProbe;
import dev.ghillie.preview.image.RuntimeImageBuilder;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.image.TargetPlatforms;
import dev.ghillie.preview.kube.ApiFailure;
import dev.ghillie.preview.kube.KubeClientFactory;
import dev.ghillie.preview.kube.LabelSelection;
import dev.ghillie.preview.kube.LocalRegistryHosting;
import dev.ghillie.preview.kube.Namespaces;
import dev.ghillie.preview.kube.NodeArchitectures;
import dev.ghillie.preview.kube.PortForwardSession;
import dev.ghillie.preview.kube.PortForwarder;
import dev.ghillie.preview.kube.ReleaseServices;
import dev.ghillie.preview.kube.RolloutResult;
import dev.ghillie.preview.kube.RolloutWaiter;
import dev.ghillie.preview.kube.SecretApplier;
import dev.ghillie.preview.kube.SecretSpec;
import dev.ghillie.preview.kube.WaitPolicy;
import dev.ghillie.preview.lifecycle.StepReporter.Outcome;
import dev.ghillie.preview.platform.CloudNativePgPostgres;
import dev.ghillie.preview.platform.HyperspikeValkey;
import dev.ghillie.preview.platform.PlatformService;
import dev.ghillie.preview.platform.PlatformWaits;
import dev.ghillie.preview.platform.ValkeyIoValkey;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.K3dProvider;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.DebugPort;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.SettingsException;
import dev.ghillie.preview.settings.SettingsValidator;
import dev.ghillie.preview.settings.VersionCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The steps of {@code preview:up} done for real: k3d through the cluster package, the image with
 * Jib, the data services through their operators, the app Secret, the chart through Helm, the
 * rollout and the URL through the kube package. One Kubernetes client per kubeconfig, closed with
 * this object (a port-forward keeps its own, closed with the forward).
 */
public final class KubernetesUpSteps implements UpSteps, UpDecisions, AutoCloseable {

    /** The service conventions as chart values, written into the work directory for each release. */
    static final String SERVICE_VALUES_FILE = "service-values.yaml";
    /** Pod annotation carrying a digest of the app Secret, so a changed URL or password rolls the pods. */
    static final String SECRET_CHECKSUM_ANNOTATION = "podAnnotations.ghillie\\.dev/app-secret-checksum";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final PreviewSettings settings;
    private final ServiceBuild serviceBuild;
    private final ImageSettings imageSettings;
    private final ClusterProvider provider;
    private final HelmClient helm;
    private final ProgressSink progress;
    private final Optional<DebugPort> debug;
    private final KubeClientFactory clientFactory = new KubeClientFactory();
    private final Map<Path, KubernetesClient> clients = new ConcurrentHashMap<>();

    /** On k3d. */
    public KubernetesUpSteps(
            PreviewSettings settings,
            ServiceBuild serviceBuild,
            ImageSettings imageSettings,
            K3d k3d,
            Preflight preflight,
            DockerCheck dockerCheck,
            HelmClient helm,
            ProgressSink progress) {
        this(
                settings,
                serviceBuild,
                imageSettings,
                new K3dProvider(k3d, preflight, dockerCheck, settings),
                helm,
                progress,
                Optional.empty());
    }

    /** With {@code debug}: the JVM listens for a debugger and the access step forwards 127.0.0.1:PORT to it. */
    public KubernetesUpSteps(
            PreviewSettings settings,
            ServiceBuild serviceBuild,
            ImageSettings imageSettings,
            ClusterProvider provider,
            HelmClient helm,
            ProgressSink progress,
            Optional<DebugPort> debug) {
        this.debug = debug;
        this.settings = settings;
        this.serviceBuild = serviceBuild;
        this.imageSettings = imageSettings;
        this.provider = provider;
        this.helm = helm;
        this.progress = progress;
    }

    @Override
    public Outcome<Void> preflight() {
        SettingsValidator.validate(settings);
        if (!provider.loadsArchives() && imageSettings != null && imageSettings.target() != ImageTarget.REGISTRY) {
            // Before the provider's own checks: it is the one thing the user must change, whatever else is wrong.
            throw new SettingsException(
                    "ghillie.preview.imageTarget=" + imageSettings.target().id() + ": the " + provider.id()
                            + " provider's nodes can only pull the image from a registry; set -Dghillie.preview.imageTarget=registry and"
                            + " ghillie.preview.imageName to REGISTRY_HOST/NAME, a registry the cluster's nodes reach");
        }
        String tools = provider.preflight(kubernetesRequirement());
        settings.registry().ifPresent(KubernetesUpSteps::requireRegistryAnswers);
        return Outcome.of(null, tools + ", context " + provider.context());
    }

    @Override
    public Outcome<PreviewCluster> cluster() {
        PreviewCluster cluster = provider.ensure();
        // Preflight vouched for a new cluster's default only; a cluster that already existed may be older.
        kubernetesRequirement()
                .ifPresent(requirement -> requireServerVersion(client(cluster), cluster.name(), requirement));
        cluster.notes().forEach(progress::detail);
        return Outcome.of(
                cluster,
                cluster.action().verb()
                        + cluster.loopbackIngressUrl()
                                .map(url -> ", ingress " + url)
                                .orElse(""));
    }

    /**
     * The Kubernetes the selected platform services need: the pinned CloudNativePG chart's {@code kubeVersion},
     * when postgres is selected. (A chart pinned to another version by the user is not second-guessed.)
     */
    private Optional<KubernetesRequirement> kubernetesRequirement() {
        PlatformSettings platform = settings.platform();
        boolean pinnedCnpg = platform.cloudNativePgChart()
                .pinnedVersion()
                .filter(PlatformSettings.CLOUDNATIVE_PG_VERSION::equals)
                .isPresent();
        if (!platform.postgres() || !pinnedCnpg) {
            return Optional.empty();
        }
        return Optional.of(new KubernetesRequirement(
                KubernetesVersion.minor(1, PlatformSettings.CLOUDNATIVE_PG_MIN_KUBERNETES_MINOR),
                "CloudNativePG chart " + PlatformSettings.CLOUDNATIVE_PG_VERSION
                        + " (ghillie.preview.platform includes postgres)",
                "-Dghillie.preview.platform=none or =valkey to preview without PostgreSQL"));
    }

    /** Reads the API server's {@code /version}. */
    static void requireServerVersion(KubernetesClient client, String clusterName, KubernetesRequirement requirement) {
        String version;
        try {
            version = client.getKubernetesVersion().getGitVersion();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of(
                    "read the Kubernetes version of cluster " + clusterName + " (" + requirement.neededBy() + " needs "
                            + requirement.minimum() + " or newer)",
                    e);
        }
        requirement.requireServer(clusterName, version);
    }

    @Override
    public Outcome<ImageResult> buildImage(Supplier<PreviewCluster> cluster) {
        Optional<String> built = serviceBuild.run();
        ImageSettings forNodes = forNodes(cluster);
        ImageResult image = new RuntimeImageBuilder(progress).build(forNodes);
        return Outcome.of(
                image,
                built.map(what -> what + ", ").orElse("") + image.reference() + " built for " + forNodes.platforms());
    }

    /**
     * The image settings for the platform of the nodes that run the image (an arm64 laptop's k3d nodes are arm64),
     * unless ghillie.preview.platforms names the platforms; this machine's when no node says.
     */
    private ImageSettings forNodes(Supplier<PreviewCluster> cluster) {
        if (imageSettings.platforms().source() == TargetPlatforms.Source.SETTING) {
            return imageSettings;
        }
        PreviewCluster nodes = cluster.get();
        Set<String> architectures;
        try {
            architectures = NodeArchitectures.of(client(nodes));
        } catch (KubernetesClientException e) {
            throw ApiFailure.of(
                    "list the nodes of cluster " + nodes.name() + " (the image is built for their architecture;"
                            + " ghillie.preview.platforms names one instead)",
                    e);
        }
        return architectures.isEmpty()
                ? imageSettings
                : imageSettings.withPlatforms(TargetPlatforms.ofNodes(architectures));
    }

    @Override
    public Outcome<ImageResult> loadImage(PreviewCluster cluster, ImageResult image) {
        ImageLoad load = decideLoad(Optional.of(cluster), image);
        if (load instanceof ImageLoad.Import imported) {
            String loaded = provider.loadArchive(imported.tar(), cluster);
            ImportedImages.record(client(cluster), image.reference());
            return Outcome.of(image, loaded);
        }
        return Outcome.of(load.forPods(), load.detail());
    }

    /**
     * How the image reaches the nodes: for {@code up} and its plan alike. An empty {@code cluster} is one {@code up}
     * will create: its nodes have nothing yet, and it is created with the registry the settings name.
     */
    private ImageLoad decideLoad(Optional<PreviewCluster> cluster, ImageResult image) {
        if (settings.registry().isPresent()) {
            return cluster.map(c ->
                            pulledFromRegistry(c, image, settings.registry().get()))
                    .orElseGet(() -> new ImageLoad.Pull(
                            image,
                            "the nodes of the new cluster pull from "
                                    + settings.registry().get().useReference()));
        }
        if (image.target() == ImageTarget.REGISTRY && !provider.loadsArchives()) {
            return new ImageLoad.Pull(
                    image,
                    "nothing to load: the nodes pull " + imageValues(image).get("image.repository") + "@"
                            + image.digest());
        }
        if (image.target() != ImageTarget.TAR) {
            return new ImageLoad.Pull(
                    image,
                    "nothing to import: the image went to " + image.target().id());
        }
        if (!provider.loadsArchives()) {
            throw new PreviewException(
                    "the " + provider.id() + " provider cannot load an image archive into " + provider.describe()
                            + ": set ghillie.preview.imageTarget=registry with ghillie.preview.imageName holding the registry host");
        }
        Path tar = image.tarFile().orElseThrow(() -> new PreviewException("the image build wrote no tar to import"));
        // The tag is derived from the image's content: nodes that have it have these exact layers.
        if (cluster.isPresent()) {
            KubernetesClient client = client(cluster.get());
            if (ImportedImages.onTheNodes(client, image.reference())) {
                return new ImageLoad.AlreadyOnNodes(image);
            }
        }
        return new ImageLoad.Import(image, tar);
    }

    /**
     * The image was pushed to the registry on the host side; the nodes pull it by the name the cluster
     * advertises (KEP-1755), which k3d wrote when it created the cluster with {@code --registry-use}. A
     * cluster created without that registry cannot pull from it: say so rather than let the pods fail to pull.
     */
    private ImageLoad pulledFromRegistry(PreviewCluster cluster, ImageResult image, K3dRegistry registry) {
        LocalRegistryHosting hosting = LocalRegistryHosting.read(client(cluster))
                .filter(advertised -> advertised.hostPort() == registry.port()
                        && advertised.hostFromContainerRuntime().startsWith(registry.name() + ":"))
                .orElseThrow(
                        () -> new ClusterException(
                                "cluster " + cluster.name() + " was not created with registry "
                                        + registry.useReference()
                                        + " (ghillie.preview.registry), so its nodes cannot pull from it: remove the"
                                        + " cluster (mvn preview:down) and run up again to create it with --registry-use, or unset the setting"));
        String pushed = registry.pushHost() + "/";
        if (!image.reference().startsWith(pushed)) {
            throw new PreviewException("the image " + image.reference() + " was not pushed to " + registry.pushHost()
                    + " (ghillie.preview.registry): give ghillie.preview.imageName without a registry host");
        }
        String nodeReference =
                hosting.hostFromContainerRuntime() + "/" + image.reference().substring(pushed.length());
        return new ImageLoad.Pull(
                image.withReference(nodeReference), "nothing to import: the nodes pull " + nodeReference);
    }

    private static void requireRegistryAnswers(K3dRegistry registry) {
        if (RegistryProbe.connectFailure(new InetSocketAddress(InetAddress.getLoopbackAddress(), registry.port()))
                .isPresent()) {
            throw new ClusterException(
                    "registry " + registry.useReference() + " (ghillie.preview.registry) does not answer on "
                            + registry.pushHost() + ": create it with '" + registry.createCommand()
                            + "', or unset the setting to"
                            + " import the image instead");
        }
    }

    @Override
    public Outcome<Optional<SecretValue>> postgres(PreviewCluster cluster) {
        return platform(
                cluster,
                new CloudNativePgPostgres(
                        releases(),
                        waits(cluster),
                        this::client,
                        settings.platform().cloudNativePgChart(),
                        settings.platform().timeout()));
    }

    @Override
    public Outcome<Optional<SecretValue>> valkey(PreviewCluster cluster) {
        PlatformSettings platform = settings.platform();
        return platform(
                cluster,
                switch (platform.valkeyOperator()) {
                    case VALKEY_IO ->
                        new ValkeyIoValkey(
                                releases(),
                                waits(cluster),
                                this::client,
                                platform.valkeyOperatorChart(),
                                platform.timeout());
                    case HYPERSPIKE ->
                        new HyperspikeValkey(
                                releases(),
                                waits(cluster),
                                this::client,
                                platform.valkeyOperatorChart(),
                                platform.timeout());
                });
    }

    private Outcome<Optional<SecretValue>> platform(PreviewCluster cluster, PlatformService service) {
        PlatformService.Result result = service.ensure(cluster.kubeconfig(), settings.namespace());
        return Outcome.of(Optional.of(result.url()), result.summary());
    }

    @Override
    public Outcome<String> appSecret(PreviewCluster cluster, Map<String, SecretValue> data) {
        KubernetesClient client = client(cluster);
        Namespaces.ensure(client, settings.namespace());
        String appSecret = settings.service().appSecret();
        SecretApplier.Outcome outcome = new SecretApplier(client)
                .apply(new SecretSpec(
                        settings.namespace(),
                        appSecret,
                        Map.of("app.kubernetes.io/managed-by", "ghillie-preview"),
                        data));
        String keys =
                data.isEmpty() ? "no keys: no platform services" : String.join(", ", new TreeMap<>(data).keySet());
        return Outcome.of(
                checksum(data),
                "Secret " + appSecret + " " + outcome.name().toLowerCase(java.util.Locale.ROOT) + " (" + keys + ")");
    }

    @Override
    public Outcome<Void> release(PreviewCluster cluster, ImageResult image, String appSecretChecksum) {
        ReleaseRequest request = releaseRequest(cluster, image, appSecretChecksum);
        ReleaseConverger.Result result = releases().converge(request);
        return Outcome.of(null, settings.release() + " " + result.summary());
    }

    ReleaseRequest releaseRequest(PreviewCluster cluster, ImageResult image, String appSecretChecksum) {
        List<Path> valuesFiles = new ArrayList<>();
        Path localValues = settings.chartDir().resolve("values-local.yaml");
        if (Files.isRegularFile(localValues)) {
            valuesFiles.add(localValues);
        }
        // After the chart's local values (which name ghillie-runtime's Secret), before the user's own files and --set
        // values.
        valuesFiles.add(serviceValuesFile());
        valuesFiles.addAll(settings.valuesFiles());
        Map<String, String> values = new LinkedHashMap<>(imageValues(image));
        values.put(SECRET_CHECKSUM_ANNOTATION, appSecretChecksum);
        // A release made with the debugger differs from one without: turning it on or off upgrades and rolls the pods.
        debug.ifPresent(port -> values.putAll(port.chartValues()));
        values.putAll(settings.setValues());
        ChartSource chart = new ChartSource.Local(settings.chartDir());
        return new ReleaseRequest(
                new ReleaseTarget(settings.release(), settings.namespace(), cluster.kubeconfig()),
                chart,
                valuesFiles,
                values,
                settings.rolloutTimeout(),
                ReleaseFingerprint.of(chart, valuesFiles, values));
    }

    @Override
    public ClusterDecision planCluster() {
        ClusterAction action = provider.plannedAction();
        if (action != ClusterAction.REUSED) {
            return new ClusterDecision(action, provider.describe(), Optional.empty());
        }
        // Read through a kubeconfig only: ensure() would create the cluster should it vanish in between.
        PreviewCluster running = new PreviewCluster(
                provider.describe(),
                HostPort.NONE,
                HostPort.NONE,
                provider.kubeconfig(),
                ClusterAction.REUSED,
                List.of());
        kubernetesRequirement()
                .ifPresent(requirement -> requireServerVersion(client(running), running.name(), requirement));
        return new ClusterDecision(action, provider.describe(), Optional.of(running));
    }

    @Override
    public UpPlan.Step planPlatformService(String service, ClusterDecision cluster) {
        return new UpPlan.Step(
                service,
                "ensure",
                cluster.existing().isPresent()
                        ? "its operator and instance are installed when missing and kept when there"
                        : "its operator and an instance are installed in the new cluster");
    }

    @Override
    public Outcome<Optional<ImageResult>> planImage(ClusterDecision cluster) {
        if (imageSettings == null || imageSettings.target() != ImageTarget.TAR) {
            String target = imageSettings == null
                    ? "its target"
                    : imageSettings.target().id();
            return Outcome.of(
                    Optional.empty(),
                    "not built by the plan: the build writes to " + target
                            + ", a change; the image load and the release are decided after it");
        }
        // A tar in the build directory changes nothing outside it, and its digest is what the next steps decide on.
        Optional<String> built = serviceBuild.run();
        ImageSettings forNodes = cluster.existing().isPresent()
                ? forNodes(() -> cluster.existing().get())
                : imageSettings;
        ImageResult image = new RuntimeImageBuilder(progress).build(forNodes);
        return Outcome.of(
                Optional.of(image),
                built.map(what -> what + ", ").orElse("") + image.reference() + " (" + image.digest() + ")");
    }

    @Override
    public ImageLoad planImageLoad(ClusterDecision cluster, ImageResult image) {
        if (cluster.action() == ClusterAction.STARTED) {
            return new ImageLoad.AfterTheStart(image);
        }
        return decideLoad(cluster.existing(), image);
    }

    @Override
    public UpPlan.Step planRelease(ClusterDecision cluster, Optional<ImageResult> forPods) {
        String release = "release " + settings.release() + " in namespace " + settings.namespace();
        if (cluster.action() == ClusterAction.STARTED) {
            return new UpPlan.Step(
                    "helm release",
                    "after the start",
                    release + ": the cluster is stopped, its release is read once it runs");
        }
        if (cluster.existing().isEmpty()) {
            return new UpPlan.Step("helm release", "install", release + ", in the new cluster");
        }
        if (forPods.isEmpty()) {
            return new UpPlan.Step(
                    "helm release", "after the build", release + ": the image's digest is one of its inputs");
        }
        PreviewCluster running = cluster.existing().get();
        Map<String, SecretValue> secretNow = currentAppSecretData(running);
        if (!secretNow.keySet().equals(appSecretKeys())) {
            // The Secret up writes differs (a data service added or dropped), and its checksum is a release value.
            return new UpPlan.Step(
                    "helm release",
                    "after the app secret",
                    release + ": the app Secret gains or loses keys (" + String.join(", ", appSecretKeys())
                            + " wanted), so the pods' checksum changes and up upgrades");
        }
        ReleaseRequest request = releaseRequest(running, forPods.get(), checksum(secretNow));
        ReleaseConverger.Plan plan = releases().plan(request);
        List<String> changes = List.of();
        if (plan.action() == ReleaseConverger.Action.UPGRADED) {
            changes = helm.deployedValues(request.target())
                    .map(yaml -> ReleaseValueChanges.between(yaml, request.values(), ghilliesOwnValues(request)))
                    .orElse(List.of());
            if (changes.isEmpty()) {
                changes = List.of("no --set value differs: the chart or a values file changed");
            }
        }
        String decision = switch (plan.action()) {
            case INSTALLED -> "install";
            case UPGRADED -> "upgrade";
            case UNCHANGED -> "unchanged";
        };
        return new UpPlan.Step("helm release", decision, release + ": " + plan.summary(), changes);
    }

    /** The values ghillie sets itself, which a plan may show: none is a secret (the Secret's checksum is a digest). */
    private Set<String> ghilliesOwnValues(ReleaseRequest request) {
        Set<String> own = new java.util.HashSet<>(request.values().keySet());
        own.removeAll(settings.setValues().keySet());
        return own;
    }

    /** The keys up writes into the app Secret: one URL per data service the platform selection installs. */
    private Set<String> appSecretKeys() {
        Set<String> keys = new java.util.TreeSet<>();
        if (settings.platform().postgres()) {
            keys.add(settings.service().databaseUrlKey());
        }
        if (settings.platform().valkey()) {
            keys.add(settings.service().valkeyUrlKey());
        }
        return keys;
    }

    /** The app Secret as it is: what {@code up} would annotate the pods with when the data services' URLs stay so. */
    private Map<String, SecretValue> currentAppSecretData(PreviewCluster cluster) {
        io.fabric8.kubernetes.api.model.Secret secret;
        try {
            secret = client(cluster)
                    .secrets()
                    .inNamespace(settings.namespace())
                    .withName(settings.service().appSecret())
                    .get();
        } catch (KubernetesClientException e) {
            throw ApiFailure.of(
                    "read Secret " + settings.service().appSecret() + " in namespace " + settings.namespace(), e);
        }
        Map<String, SecretValue> data = new LinkedHashMap<>();
        if (secret != null && secret.getData() != null) {
            secret.getData()
                    .forEach((key, value) -> data.put(
                            key,
                            SecretValue.of(
                                    new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8))));
        }
        return data;
    }

    /** The service conventions (port, port variable, probe paths, app Secret) as a values file Helm merges. */
    private Path serviceValuesFile() {
        Path file = settings.workDir().resolve(SERVICE_VALUES_FILE);
        try {
            Files.createDirectories(settings.workDir());
            Files.writeString(
                    file,
                    "# Written by preview:up from the ghillie.preview.* service settings; rewritten on every run.\n"
                            + YAML.writeValueAsString(settings.service().chartValues())
                                    .replaceFirst("^---\\n", ""));
        } catch (IOException e) {
            throw new PreviewException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * Repository and content-derived tag; the digest pins the pod only for registry images. An
     * image imported from a tar keeps its manifest digest in containerd, but the CRI records no
     * repository digest for it, so repository@digest is not found on the node and the kubelet tries
     * to pull (seen on Kubernetes 1.20 with containerd 1.6): there the digest is only reported by
     * /version (image.buildDigest), and the content-derived tag pins the content.
     */
    static Map<String, String> imageValues(ImageResult image) {
        String reference = image.reference();
        int colon = reference.lastIndexOf(':');
        boolean hasTag = colon > reference.lastIndexOf('/');
        Map<String, String> values = new LinkedHashMap<>();
        values.put("image.repository", hasTag ? reference.substring(0, colon) : reference);
        if (hasTag) {
            values.put("image.tag", reference.substring(colon + 1));
        }
        values.put(image.target() == ImageTarget.TAR ? "image.buildDigest" : "image.digest", image.digest());
        return values;
    }

    @Override
    public Outcome<Void> rollout(PreviewCluster cluster) {
        RolloutResult result = new RolloutWaiter(client(cluster), progress)
                .await(
                        LabelSelection.helmRelease(settings.namespace(), settings.release()),
                        WaitPolicy.of(settings.rolloutTimeout()));
        return Outcome.of(null, String.join(", ", result.resources()) + " ready");
    }

    @Override
    public Outcome<PreviewAccess> access(PreviewCluster cluster, ImageResult image) {
        PreviewProbe probe = new PreviewProbe();
        PreviewAccess access = settings.access() == AccessMode.PORT_FORWARD ? portForward(cluster) : ingress(cluster);
        try {
            probe.awaitHealthy(access.url(), settings.service().healthPath(), settings.rolloutTimeout());
            if (settings.service().versionCheck() == VersionCheck.AUTO) {
                proveImage(probe, access.url(), image);
            }
        } catch (RuntimeException e) {
            closeQuietly(access.session());
            throw e;
        }
        if (debug.isEmpty()) {
            return Outcome.of(access, access.url());
        }
        // Like the URL's port-forward, the debugger's keeps its own client: it outlives this object.
        KubernetesClient forwardClient = clientFactory.open(cluster.kubeconfig());
        DebugForward debugger;
        try {
            debugger = DebugForward.open(
                    forwardClient, LabelSelection.helmRelease(settings.namespace(), settings.release()), debug.get());
        } catch (RuntimeException e) {
            forwardClient.close();
            closeQuietly(access.session());
            throw e;
        }
        AutoCloseable urlSession = access.session();
        PreviewAccess withDebugger = new PreviewAccess(
                access.url(),
                access.mode(),
                () -> {
                    debugger.close();
                    forwardClient.close();
                    urlSession.close();
                },
                Optional.of(debugger));
        return Outcome.of(withDebugger, access.url() + ", debugger " + debugger.describe());
    }

    /** A service that answers /version with JSON must report the digest just built; one without such a /version is told so once. */
    private void proveImage(PreviewProbe probe, String url, ImageResult image) {
        switch (probe.version(url)) {
            case PreviewProbe.VersionReport.NotJson notJson ->
                progress.detail(
                        "/version answered " + notJson.answer()
                                + ", not JSON: which image answers is not checked (ghillie.preview.versionCheck=off says so for good)");
            case PreviewProbe.VersionReport.Json json -> {
                if (!json.imageDigest().equals(Optional.of(image.digest()))) {
                    throw new PreviewException(
                            url + "/version reports image " + json.imageDigest().orElse("(none)")
                                    + ", not the one just built (" + image.digest()
                                    + "): an older pod still answers, or the chart does not"
                                    + " pass GHILLIE_IMAGE_DIGEST (image.digest / image.buildDigest); a service whose /version reports no"
                                    + " imageDigest sets ghillie.preview.versionCheck=off");
                }
            }
        }
    }

    private PreviewAccess ingress(PreviewCluster cluster) {
        String url = cluster.loopbackIngressUrl()
                .orElseThrow(() -> new PreviewException(
                        provider.describe() + " has no ingress on" + " this machine's loopback (provider "
                                + provider.id() + "): use ghillie.preview.access=port-forward"));
        return new PreviewAccess(url, "ingress", () -> {});
    }

    /** The forward keeps its own client: it must outlive this object, for the rest of the Maven build. */
    private PreviewAccess portForward(PreviewCluster cluster) {
        KubernetesClient client = clientFactory.open(cluster.kubeconfig());
        try {
            String service = serviceOf(client);
            PortForwardSession session =
                    new PortForwarder(client).forwardService(settings.namespace(), service, 0, settings.localPort());
            progress.detail("port-forward " + session.describe());
            String url = session.url().toString().replaceAll("/$", "");
            return new PreviewAccess(url, "port-forward", () -> {
                session.close();
                client.close();
            });
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private String serviceOf(KubernetesClient client) {
        return ReleaseServices.first(client, LabelSelection.helmRelease(settings.namespace(), settings.release()))
                .orElseThrow(() -> new PreviewException(
                        "release " + settings.release() + " has no Service in namespace " + settings.namespace()
                                + " to port-forward to: check the chart (" + settings.chartDir() + ")"));
    }

    private ReleaseConverger releases() {
        return new ReleaseConverger(helm);
    }

    private PlatformWaits waits(PreviewCluster cluster) {
        return PlatformWaits.on(client(cluster), progress);
    }

    private KubernetesClient client(PreviewCluster cluster) {
        return client(cluster.kubeconfig());
    }

    private KubernetesClient client(Path kubeconfig) {
        return clients.computeIfAbsent(kubeconfig, clientFactory::open);
    }

    private static String checksum(Map<String, SecretValue> data) {
        MessageDigest digest = Sha256.newDigest();
        new TreeMap<>(data).forEach((key, value) -> {
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(value.reveal().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        });
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one to report
        }
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
