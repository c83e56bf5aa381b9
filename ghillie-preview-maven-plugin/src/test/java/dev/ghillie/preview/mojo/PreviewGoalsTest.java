package dev.ghillie.preview.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
    @InjectMojo(goal = "up")
    void upRefusesBadSettingsBeforeTouchingAnything(UpMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "chart", chart.toFile());
        setVariableValueToObject(mojo, "cluster", "Not_A_Cluster");
        setVariableValueToObject(mojo, "set", "replicaCount");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("ghillie.preview.set: 'replicaCount' is not key=value: use e.g. replicaCount=2,env.normal.MODE=demo")
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
                .satisfies(e -> assertThat(e.getMessage().lines()).satisfiesExactly(
                        line -> assertThat(line).startsWith("ghillie.preview.cluster='Not_A_Cluster' is not a valid k3d cluster name"),
                        line -> assertThat(line).startsWith("ghillie.preview.namespace='-bad-' is not a valid name")));
    }
}
