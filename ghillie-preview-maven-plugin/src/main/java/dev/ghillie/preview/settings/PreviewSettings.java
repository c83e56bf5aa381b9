package dev.ghillie.preview.settings;

import dev.ghillie.preview.cluster.K3dRegistry;
import java.util.Objects;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a preview goal needs, resolved and immutable: what the goals translate their Maven
 * parameters into. Plain Java services take this and nothing from Maven.
 *
 * @param registry    a k3d registry to push the image to instead of importing it; empty to import
 * @param environment the environment for external tools (k3d, docker), PATH included
 * @param service     what the preview assumes about the service: port, probe paths, app Secret, /version
 * @param provider    which provider runs the cluster (k3d, kind, existing) and, for existing, which kubeconfig and context
 */
public record PreviewSettings(
        String clusterName,
        int agents,
        int ingressPort,
        Duration clusterTimeout,
        boolean updateDefaultKubeconfig,
        String namespace,
        String release,
        Path chartDir,
        List<Path> valuesFiles,
        Map<String, String> setValues,
        AccessMode access,
        int localPort,
        PlatformSettings platform,
        Duration rolloutTimeout,
        Path projectDir,
        Path workDir,
        Optional<K3dRegistry> registry,
        Map<String, String> environment,
        ServiceConventions service,
        ProviderSettings provider) {

    public PreviewSettings {
        valuesFiles = List.copyOf(valuesFiles);
        setValues = Map.copyOf(setValues);
        Objects.requireNonNull(registry, "registry");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(provider, "provider");
    }

    /** On k3d, as before there were providers. */
    public PreviewSettings(String clusterName, int agents, int ingressPort, Duration clusterTimeout, boolean updateDefaultKubeconfig,
            String namespace, String release, Path chartDir, List<Path> valuesFiles, Map<String, String> setValues, AccessMode access,
            int localPort, PlatformSettings platform, Duration rolloutTimeout, Path projectDir, Path workDir,
            Optional<K3dRegistry> registry, Map<String, String> environment, ServiceConventions service) {
        this(clusterName, agents, ingressPort, clusterTimeout, updateDefaultKubeconfig, namespace, release, chartDir, valuesFiles, setValues,
                access, localPort, platform, rolloutTimeout, projectDir, workDir, registry, environment, service, ProviderSettings.K3D);
    }

    /** With ghillie-runtime's conventions ({@link ServiceConventions#DEFAULTS}). */
    public PreviewSettings(String clusterName, int agents, int ingressPort, Duration clusterTimeout, boolean updateDefaultKubeconfig,
            String namespace, String release, Path chartDir, List<Path> valuesFiles, Map<String, String> setValues, AccessMode access,
            int localPort, PlatformSettings platform, Duration rolloutTimeout, Path projectDir, Path workDir,
            Optional<K3dRegistry> registry, Map<String, String> environment) {
        this(clusterName, agents, ingressPort, clusterTimeout, updateDefaultKubeconfig, namespace, release, chartDir, valuesFiles, setValues,
                access, localPort, platform, rolloutTimeout, projectDir, workDir, registry, environment, ServiceConventions.DEFAULTS);
    }

    /** The same settings for another service. */
    public PreviewSettings withService(ServiceConventions conventions) {
        return new PreviewSettings(clusterName, agents, ingressPort, clusterTimeout, updateDefaultKubeconfig, namespace, release, chartDir,
                valuesFiles, setValues, access, localPort, platform, rolloutTimeout, projectDir, workDir, registry, environment, conventions, provider);
    }

    /** The same settings on another provider. */
    public PreviewSettings withProvider(ProviderSettings other) {
        return new PreviewSettings(clusterName, agents, ingressPort, clusterTimeout, updateDefaultKubeconfig, namespace, release, chartDir,
                valuesFiles, setValues, access, localPort, platform, rolloutTimeout, projectDir, workDir, registry, environment, service, other);
    }

    /** The same settings with another access mode. */
    public PreviewSettings withAccess(AccessMode other) {
        return new PreviewSettings(clusterName, agents, ingressPort, clusterTimeout, updateDefaultKubeconfig, namespace, release, chartDir,
                valuesFiles, setValues, other, localPort, platform, rolloutTimeout, projectDir, workDir, registry, environment, service, provider);
    }

    /** Where {@code preview:up} records what it made, for status, logs, down and CI. */
    public Path previewRecord() {
        return workDir.resolve("preview.json");
    }
}
