package dev.ghillie.preview.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import com.marcnuri.helm.UpgradeCommand;
import dev.ghillie.preview.PreviewException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@link HelmClient} through helm-java: Helm's Go code compiled into a native library, so users
 * need no {@code helm} binary. Every call names the release's kubeconfig explicitly; the user's
 * default kubeconfig is never read.
 */
public final class HelmJavaClient implements HelmClient {

    /** Where classic repositories are registered: private to the build, never the user's Helm config. */
    private final Path repositoryConfig;

    public HelmJavaClient(Path workDir) {
        this.repositoryConfig = workDir.resolve("helm").resolve("repositories.yaml");
    }

    @Override
    public List<ReleaseRevision> history(ReleaseTarget target) {
        try {
            return Helm.history(target.name())
                    .withNamespace(target.namespace())
                    .withKubeConfig(target.kubeconfig())
                    .call()
                    .stream()
                    .sorted(Comparator.comparingInt(ReleaseHistory::getRevision))
                    .map(h -> new ReleaseRevision(h.getRevision(), h.getStatus(), h.getDescription()))
                    .toList();
        } catch (IllegalStateException e) {
            if (isNotFound(e)) {
                return List.of();
            }
            throw failure("read the history of", target, e);
        }
    }

    @Override
    public ReleaseRevision upgradeInstall(ReleaseRequest request) {
        ReleaseTarget target = request.target();
        UpgradeCommand upgrade = switch (request.chart()) {
            case ChartSource.Local local -> new Helm(local.path()).upgrade();
            case ChartSource.Oci oci -> Helm.upgrade(oci.reference()).withVersion(oci.version());
            case ChartSource.Repository repository ->
                Helm.upgrade(repositoryChart(repository))
                        .withVersion(repository.version())
                        .withRepositoryConfig(repositoryConfig);
        };
        upgrade.install()
                .createNamespace()
                .withName(target.name())
                .withNamespace(target.namespace())
                .withKubeConfig(target.kubeconfig())
                .withDescription(ReleaseConverger.description(request))
                .withTimeout((int) Math.max(1, request.timeout().toSeconds()));
        request.valuesFiles().forEach(upgrade::withValuesFile);
        request.values().forEach(upgrade::set);
        try {
            Release release = upgrade.call();
            return new ReleaseRevision(
                    Integer.parseInt(release.getRevision()),
                    release.getStatus(),
                    ReleaseConverger.description(request));
        } catch (IllegalStateException e) {
            throw failure("install or upgrade", target, e);
        }
    }

    @Override
    public void uninstall(ReleaseTarget target) {
        try {
            Helm.uninstall(target.name())
                    .withNamespace(target.namespace())
                    .withKubeConfig(target.kubeconfig())
                    .ignoreNotFound()
                    .call();
        } catch (IllegalStateException e) {
            throw failure("uninstall", target, e);
        }
    }

    /**
     * Helm 3 keeps each revision in a Secret {@code sh.helm.release.v1.NAME.vREV}; deleting the
     * pending one is the documented way out of "another operation is in progress".
     */
    @Override
    public void discardRevision(ReleaseTarget target, int revision) {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(target.kubeconfig())))
                .build()) {
            client.secrets()
                    .inNamespace(target.namespace())
                    .withName("sh.helm.release.v1." + target.name() + ".v" + revision)
                    .delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public java.util.Optional<String> deployedValues(ReleaseTarget target) {
        try {
            String yaml = Helm.get(target.name())
                    .values()
                    .withNamespace(target.namespace())
                    .withKubeConfig(target.kubeconfig())
                    .call();
            // helm prints a heading before the YAML (USER-SUPPLIED VALUES:); it is not a value.
            return java.util.Optional.of(yaml.replaceFirst("^USER-SUPPLIED VALUES:\\s*\\n", ""));
        } catch (IllegalStateException e) {
            if (isNotFound(e)) {
                return java.util.Optional.empty();
            }
            throw failure("read the values of", target, e);
        }
    }

    /** Registers the repository under a name derived from its URL in the private config, and returns NAME/CHART. */
    private String repositoryChart(ChartSource.Repository repository) {
        String name =
                "ghillie-" + Integer.toHexString(repository.repositoryUrl().hashCode());
        try {
            Files.createDirectories(repositoryConfig.getParent());
            Helm.repo()
                    .add()
                    .withRepositoryConfig(repositoryConfig)
                    .withName(name)
                    .withUrl(java.net.URI.create(repository.repositoryUrl()))
                    .call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            throw new PreviewException("Helm could not reach the chart repository " + repository.repositoryUrl() + ": "
                    + firstLine(e) + ". Point the chart source at a mirror, an oci:// reference or a local .tgz.");
        }
        return name + "/" + repository.chart();
    }

    private static boolean isNotFound(Exception e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("not found");
    }

    private static PreviewException failure(String action, ReleaseTarget target, Exception e) {
        return new PreviewException("Helm could not " + action + " release '" + target.name() + "' in namespace '"
                + target.namespace() + "': " + firstLine(e));
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
