package dev.ghillie.preview.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.cluster.DockerCheck;
import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.cluster.LoopbackPorts;
import dev.ghillie.preview.helm.ChartSource;
import dev.ghillie.preview.image.ImageSettings;
import dev.ghillie.preview.image.ServiceBuild;
import dev.ghillie.preview.provider.ClusterProvider;
import dev.ghillie.preview.provider.existing.ExistingClusterProvider;
import dev.ghillie.preview.provider.kind.KindProvider;
import dev.ghillie.preview.settings.AccessMode;
import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.PreviewSettings;
import dev.ghillie.preview.settings.ProviderKind;
import dev.ghillie.preview.settings.ProviderSettings;
import dev.ghillie.preview.settings.SettingsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight line names the provider and the context; what a provider cannot do stops up there. */
class ProviderPreflightTest {

    @TempDir
    Path tmp;

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private PreviewSettings settings(ProviderSettings provider, Map<String, String> environment) throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("charts/ghillie"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: ghillie\nversion: 0.1.0\n");
        PlatformSettings platform = new PlatformSettings(
                false, false, new ChartSource.Local(chart), new ChartSource.Local(chart), Duration.ofMinutes(1));
        return PreviewSettings.builder()
                .clusterTimeout(Duration.ofSeconds(30))
                .chartDir(chart)
                .access(AccessMode.PORT_FORWARD)
                .platform(platform)
                .rolloutTimeout(Duration.ofSeconds(30))
                .projectDir(tmp)
                .workDir(tmp.resolve("work"))
                .environment(environment)
                .provider(provider)
                .build();
    }

    private ImageSettings image(String target, String name) throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes/dev"));
        Files.writeString(classes.resolve("Main.class"), "not really a class");
        return ImageSettings.builder()
                .baseImage("tar://" + tmp.resolve("no-such-base.tar"))
                .target(target)
                .imageName(name)
                .version("1.0")
                .mainClass("dev.Main")
                .creationTime("EPOCH")
                .classesDirectory(tmp.resolve("classes"))
                .outputDirectory(tmp.resolve("image"))
                .build();
    }

    private void preflight(PreviewSettings settings, ImageSettings image, ClusterProvider provider) {
        KubernetesUpSteps steps = new KubernetesUpSteps(
                settings,
                ServiceBuild.ALREADY_BUILT,
                image,
                provider,
                null,
                ProgressLines.to(lines::add),
                Optional.empty());
        new StepReporter(ProgressLines.to(lines::add), 8).run("preflight", steps::preflight);
    }

    @Test
    void thePreflightLineNamesKindAndItsContext() throws Exception {
        FakeK3d fake = FakeK3d.withKindAndDocker(tmp.resolve("fake"));
        PreviewSettings settings = settings(ProviderSettings.of(ProviderKind.KIND), fake.environment());

        preflight(
                settings,
                image("tar", "ghillie-runtime"),
                new KindProvider(fake.runner(), DockerCheck.AUTO, settings, new LoopbackPorts()));

        assertThat(lines)
                .singleElement()
                .asString()
                .matches("\\[1/8] preflight … done in \\d+\\.\\ds \\(kind v0\\.33\\.0, context kind-ghillie-local\\)");
        assertThat(fake.calls()).noneMatch(call -> call.startsWith("kind create"));
    }

    @Test
    void anExistingClusterRefusesAnImageArchiveInOneLine() throws Exception {
        Path kubeconfig = Files.writeString(tmp.resolve("config"), """
                apiVersion: v1
                kind: Config
                current-context: kind-pr
                contexts: [{name: kind-pr, context: {cluster: c, user: u}}]
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                """);
        PreviewSettings settings = settings(
                new ProviderSettings(ProviderKind.EXISTING, Optional.of(kubeconfig), Optional.empty(), false),
                Map.of());

        assertThatThrownBy(() ->
                        preflight(settings, image("tar", "ghillie-runtime"), new ExistingClusterProvider(settings)))
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "ghillie.preview.imageTarget=tar: the existing provider's nodes can only pull the image from a registry; set"
                                + " -Dghillie.preview.imageTarget=registry and ghillie.preview.imageName to REGISTRY_HOST/NAME, a registry the"
                                + " cluster's nodes reach");
        assertThat(tmp.resolve("work")).doesNotExist();

        lines.clear();
        preflight(settings, image("registry", "127.0.0.1:5000/ghillie-runtime"), new ExistingClusterProvider(settings));
        assertThat(lines)
                .singleElement()
                .asString()
                .endsWith("(existing cluster at https://127.0.0.1:1 (kubeconfig " + kubeconfig + "), context kind-pr)");
    }
}
