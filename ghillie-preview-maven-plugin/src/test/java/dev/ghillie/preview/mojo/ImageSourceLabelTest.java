package dev.ghillie.preview.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's org.opencontainers.image.source label comes from the project's {@code <scm><url>}, through the goal's
 * descriptor default, as Maven configures it: a project that states its repository gets the label without a setting.
 */
@MojoTest
class ImageSourceLabelTest {

    private static final String SOURCE_LABEL = "org.opencontainers.image.source";

    @Inject
    private MavenProject project;

    @TempDir
    Path work;

    /** Before the mojo is configured (JUnit resolves the test's parameters after this), so its defaults see the scm. */
    @BeforeEach
    void aProjectWhoseScmNamesItsRepository() {
        project.getModel().setArtifactId("service");
        project.getModel().setVersion("2.0.0");
        project.getBuild().setOutputDirectory(work.resolve("target/classes").toString());
        Scm scm = new Scm();
        scm.setUrl("https://github.com/example/service");
        project.getModel().setScm(scm);
    }

    @Test
    @InjectMojo(goal = "image")
    void theSourceLabelIsTheProjectsScmUrl(ImageMojo mojo) throws Exception {
        setVariableValueToObject(
                mojo, "outputDirectory", work.resolve("target/ghillie-preview").toFile());
        setVariableValueToObject(mojo, "environment", Map.of());

        assertThat(mojo.imageSettings("dev.example.Main").labels())
                .containsEntry(SOURCE_LABEL, "https://github.com/example/service");
    }

    @Test
    @InjectMojo(goal = "image")
    void theSourceSettingWinsOverTheScm(ImageMojo mojo) throws Exception {
        setVariableValueToObject(
                mojo, "outputDirectory", work.resolve("target/ghillie-preview").toFile());
        setVariableValueToObject(mojo, "environment", Map.of());
        setVariableValueToObject(mojo, "source", "https://git.example.com/mirror/service");

        assertThat(mojo.imageSettings("dev.example.Main").labels())
                .containsEntry(SOURCE_LABEL, "https://git.example.com/mirror/service");
    }
}
