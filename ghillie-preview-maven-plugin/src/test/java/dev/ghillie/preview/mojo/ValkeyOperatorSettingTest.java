package dev.ghillie.preview.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ghillie.preview.settings.PlatformSettings;
import dev.ghillie.preview.settings.SettingsException;
import dev.ghillie.preview.settings.ValkeyOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ghillie.preview.valkeyOperator} through the generated plugin descriptor: the default and the chart each one gets. */
@MojoTest
class ValkeyOperatorSettingTest {

    @Inject
    private MavenProject project;

    @TempDir
    Path work;

    @BeforeEach
    void aServiceModule() throws Exception {
        project.getModel().setPackaging("jar");
        project.getBuild()
                .setOutputDirectory(
                        Files.createDirectories(work.resolve("target/classes")).toString());
        project.getProperties().setProperty("mainClass", "dev.ghillie.runtime.Main");
    }

    @Test
    @InjectMojo(goal = "up")
    void theValkeyProjectsOperatorIsTheDefaultWithItsPinnedChart(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());

        PlatformSettings platform = mojo.previewSettings().platform();

        assertThat(platform.valkeyOperator()).isEqualTo(ValkeyOperator.VALKEY_IO);
        assertThat(platform.valkeyOperatorChart().describe())
                .isEqualTo("https://valkey.io/valkey-helm/#valkey-operator@0.4.0");
    }

    @Test
    @InjectMojo(goal = "up")
    void hyperspikeGetsItsOwnChartUnlessOneIsGiven(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        setVariableValueToObject(mojo, "valkeyOperator", "hyperspike");

        assertThat(mojo.previewSettings().platform().valkeyOperator()).isEqualTo(ValkeyOperator.HYPERSPIKE);
        assertThat(mojo.previewSettings().platform().valkeyOperatorChart().describe())
                .isEqualTo("oci://ghcr.io/hyperspike/valkey-operator@v0.0.61-chart");

        setVariableValueToObject(mojo, "valkeyChart", "oci://mirror.example/valkey-operator");
        assertThat(mojo.previewSettings().platform().valkeyOperatorChart().describe())
                .isEqualTo("oci://mirror.example/valkey-operator@v0.0.61-chart");
    }

    @Test
    @InjectMojo(goal = "up")
    void anUnknownOperatorIsOneLine(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "environment", Map.of());
        setVariableValueToObject(mojo, "valkeyOperator", "bitnami");

        assertThatThrownBy(mojo::previewSettings)
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "ghillie.preview.valkeyOperator='bitnami' is not a Valkey operator: use valkey-io (the default) or hyperspike");
    }
}
