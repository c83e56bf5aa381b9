package dev.ghillie.preview.settings;

import dev.ghillie.preview.cluster.K3dRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    /** The goals' defaults for everything but the chart, the platform and the directories, which have none. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named values in place of twenty positions; a setting left out takes the goal's default. */
    public static final class Builder {
        private String clusterName = "ghillie-local";
        private int agents;
        private int ingressPort;
        private Duration clusterTimeout = Duration.ofSeconds(180);
        private boolean updateDefaultKubeconfig;
        private String namespace = "ghillie";
        private String release = "ghillie";
        private Path chartDir;
        private List<Path> valuesFiles = List.of();
        private Map<String, String> setValues = Map.of();
        private AccessMode access = AccessMode.INGRESS;
        private int localPort;
        private PlatformSettings platform;
        private Duration rolloutTimeout = Duration.ofMinutes(5);
        private Path projectDir;
        private Path workDir;
        private Optional<K3dRegistry> registry = Optional.empty();
        private Map<String, String> environment = Map.of();
        private ServiceConventions service = ServiceConventions.DEFAULTS;
        private ProviderSettings provider = ProviderSettings.K3D;

        private Builder() {}

        public Builder clusterName(String value) {
            this.clusterName = value;
            return this;
        }

        public Builder agents(int value) {
            this.agents = value;
            return this;
        }

        public Builder ingressPort(int value) {
            this.ingressPort = value;
            return this;
        }

        public Builder clusterTimeout(Duration value) {
            this.clusterTimeout = value;
            return this;
        }

        public Builder updateDefaultKubeconfig(boolean value) {
            this.updateDefaultKubeconfig = value;
            return this;
        }

        public Builder namespace(String value) {
            this.namespace = value;
            return this;
        }

        public Builder release(String value) {
            this.release = value;
            return this;
        }

        public Builder chartDir(Path value) {
            this.chartDir = value;
            return this;
        }

        public Builder valuesFiles(List<Path> value) {
            this.valuesFiles = value;
            return this;
        }

        public Builder setValues(Map<String, String> value) {
            this.setValues = value;
            return this;
        }

        public Builder access(AccessMode value) {
            this.access = value;
            return this;
        }

        public Builder localPort(int value) {
            this.localPort = value;
            return this;
        }

        public Builder platform(PlatformSettings value) {
            this.platform = value;
            return this;
        }

        public Builder rolloutTimeout(Duration value) {
            this.rolloutTimeout = value;
            return this;
        }

        public Builder projectDir(Path value) {
            this.projectDir = value;
            return this;
        }

        public Builder workDir(Path value) {
            this.workDir = value;
            return this;
        }

        public Builder registry(Optional<K3dRegistry> value) {
            this.registry = value;
            return this;
        }

        public Builder environment(Map<String, String> value) {
            this.environment = value;
            return this;
        }

        public Builder service(ServiceConventions value) {
            this.service = value;
            return this;
        }

        public Builder provider(ProviderSettings value) {
            this.provider = value;
            return this;
        }

        public PreviewSettings build() {
            return new PreviewSettings(
                    clusterName,
                    agents,
                    ingressPort,
                    clusterTimeout,
                    updateDefaultKubeconfig,
                    namespace,
                    release,
                    Objects.requireNonNull(chartDir, "chartDir"),
                    valuesFiles,
                    setValues,
                    access,
                    localPort,
                    Objects.requireNonNull(platform, "platform"),
                    rolloutTimeout,
                    Objects.requireNonNull(projectDir, "projectDir"),
                    Objects.requireNonNull(workDir, "workDir"),
                    registry,
                    environment,
                    service,
                    provider);
        }
    }

    /** Where {@code preview:up} records what it made, for status, logs, down and CI. */
    public Path previewRecord() {
        return workDir.resolve("preview.json");
    }
}
