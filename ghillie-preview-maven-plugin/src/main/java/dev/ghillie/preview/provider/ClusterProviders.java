package dev.ghillie.preview.provider;

import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.K3dCli;
import dev.ghillie.preview.cluster.LoopbackPorts;
import dev.ghillie.preview.cluster.Preflight;
import dev.ghillie.preview.process.ProcessRunner;
import dev.ghillie.preview.provider.existing.ExistingClusterProvider;
import dev.ghillie.preview.provider.kind.KindProvider;
import dev.ghillie.preview.settings.PreviewSettings;

/** The provider {@code ghillie.preview.provider} names, over the tools on the runner's PATH. */
public final class ClusterProviders {

    private ClusterProviders() {}

    /**
     * @param runner      runs k3d, kind and docker with the build's environment
     * @param dockerCheck whether preflight asks the container runtime (k3d, kind)
     */
    public static ClusterProvider of(PreviewSettings settings, ProcessRunner runner, DockerCheck dockerCheck) {
        return switch (settings.provider().kind()) {
            case K3D -> new K3dProvider(new K3dCli(runner), new Preflight(runner), dockerCheck, settings);
            case KIND -> new KindProvider(runner, dockerCheck, settings, new LoopbackPorts());
            case EXISTING -> new ExistingClusterProvider(settings);
        };
    }
}
