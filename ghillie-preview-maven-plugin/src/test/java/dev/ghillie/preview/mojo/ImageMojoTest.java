package dev.ghillie.preview.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import dev.ghillie.preview.image.ImageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

/**
 * preview:image configured through its generated plugin descriptor, as Maven does it, on a
 * project stub: which modules it builds, what it passes on, how it fails.
 */
@MojoTest
class ImageMojoTest {

    @Inject
    private MavenProject project;

    @Inject
    private MavenSession session;

    @TempDir
    Path work;

    private Path classes;
    private Path base;

    @BeforeEach
    void aJarProjectWithAMainClassAndOneDependency() throws Exception {
        classes = Files.createDirectories(work.resolve("target/classes/dev/ghillie/runtime"))
                .getParent()
                .getParent()
                .getParent();
        Files.write(classes.resolve("dev/ghillie/runtime/Main.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
        project.getModel().setGroupId("dev.example");
        project.getModel().setArtifactId("service");
        project.getModel().setVersion("2.0.0");
        project.getModel().setPackaging("jar");
        project.getBuild().setOutputDirectory(classes.toString());
        project.getProperties().setProperty("mainClass", "dev.ghillie.runtime.Main");
        DefaultArtifactHandler jarHandler = new DefaultArtifactHandler("jar");
        jarHandler.setAddedToClasspath(true);
        Artifact library = new DefaultArtifact("org.example", "library", "1.0", "runtime", "jar", null, jarHandler);
        library.setFile(
                Files.writeString(work.resolve("library-1.0.jar"), "jar").toFile());
        Set<Artifact> artifacts = new LinkedHashSet<>();
        artifacts.add(library);
        project.setArtifacts(artifacts);
        base = work.resolve("base.tar");
        Jib.fromScratch()
                .containerize(Containerizer.to(TarImage.at(base).named("base:1"))
                        .setApplicationLayersCache(work.resolve("cache")));
    }

    private void configure(ImageMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "baseImage", "tar://" + base);
        setVariableValueToObject(mojo, "imageName", "service");
        setVariableValueToObject(mojo, "imageTag", "2.0.0");
        setVariableValueToObject(
                mojo, "outputDirectory", work.resolve("target/ghillie-preview").toFile());
        setVariableValueToObject(
                mojo, "baseImageCache", work.resolve("base-cache").toFile());
    }

    @Test
    @InjectMojo(goal = "image")
    void buildsTheTarAndHandsTheReferenceOnAsProjectProperties(ImageMojo mojo) throws Exception {
        configure(mojo);

        mojo.execute();

        String reference = project.getProperties().getProperty("ghillie.preview.image.reference");
        assertThat(reference).matches("service:2\\.0\\.0-[0-9a-f]{12}");
        assertThat(project.getProperties().getProperty("ghillie.preview.image.digest"))
                .startsWith("sha256:");
        assertThat(project.getProperties().getProperty("ghillie.preview.image.tar"))
                .isEqualTo(work.resolve("target/ghillie-preview/image.tar").toString());
        assertThat(Files.readString(work.resolve("target/ghillie-preview/image.json")))
                .contains("\"reference\": \"" + reference + "\"");
    }

    /** The service settings shape the image (port, variable): preview:image checks them as up does, before building. */
    @Test
    @InjectMojo(goal = "image")
    void aWrongServiceSettingIsOneLineBeforeAnyBuild(ImageMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "containerPort", "70000");
        setVariableValueToObject(mojo, "portVariable", "MY-PORT");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(org.apache.maven.plugin.MojoFailureException.class)
                .hasMessageStartingWith("ghillie.preview.containerPort=70000 is not a port")
                .hasMessageContaining("ghillie.preview.portVariable='MY-PORT' is not an environment variable name")
                .hasNoCause();
        assertThat(work.resolve("target/ghillie-preview/image.tar")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "image")
    void descriptorDefaultsAreTheDocumentedOnes(ImageMojo mojo) throws Exception {
        assertThat((String) getVariableValueFromObject(mojo, "baseImage")).isEqualTo("eclipse-temurin:25-jre");
        assertThat((String) getVariableValueFromObject(mojo, "imageTarget")).isEqualTo("tar");
        assertThat((String) getVariableValueFromObject(mojo, "user")).isEqualTo("65532:65532");
        // A trained startup cache differs from build to build: on by default, no image would be reproducible.
        assertThat((Boolean) getVariableValueFromObject(mojo, "startupCache")).isFalse();
    }

    @Test
    @InjectMojo(goal = "image")
    void twoCleanBuildsWithTheDescriptorDefaultsGiveOneDigest(ImageMojo mojo) throws Exception {
        configure(mojo);
        mojo.execute();
        String first = project.getProperties().getProperty("ghillie.preview.image.digest");
        deleteRecursively(work.resolve("target/ghillie-preview"));
        deleteRecursively(work.resolve("base-cache"));

        mojo.execute();

        assertThat(project.getProperties().getProperty("ghillie.preview.image.digest"))
                .isEqualTo(first);
        assertThat(Files.readString(work.resolve("target/ghillie-preview/image.json")))
                .contains("\"digest\": \"" + first + "\"");
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Test
    @InjectMojo(goal = "image")
    void aPomModuleIsSkipped(ImageMojo mojo) throws Exception {
        configure(mojo);
        project.getModel().setPackaging("pom");

        mojo.execute();

        assertThat(work.resolve("target/ghillie-preview/image.json")).doesNotExist();
        assertThat(project.getProperties()).doesNotContainKey("ghillie.preview.image.reference");
    }

    @Test
    @InjectMojo(goal = "image")
    void aModuleWithoutMainClassIsSkipped(ImageMojo mojo) throws Exception {
        configure(mojo);
        project.getProperties().remove("mainClass");

        mojo.execute();

        assertThat(work.resolve("target/ghillie-preview/image.json")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "image")
    void aRegistryTargetInOfflineModeFailsWithOneLineNamingTheSettingNotAsAnInternalError(ImageMojo mojo)
            throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "imageTarget", "registry");
        setVariableValueToObject(mojo, "imageName", "localhost:5001/service");
        Mockito.when(session.isOffline()).thenReturn(true);

        // Jib's Containerizer.setOfflineMode throws IllegalStateException here, which Maven reports as the plugin's
        // internal error ("Execution default-cli of goal ... failed") with its help block.
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("ghillie.preview.imageTarget=registry pushes the image to localhost:5001")
                .hasMessageNotContaining("\n");
    }

    @Test
    @InjectMojo(goal = "image")
    void upWithAK3dRegistryOfflineNamesTheRegistrySettingNotAnImageTargetTheUserNeverSet(ImageMojo mojo)
            throws Exception {
        configure(mojo);
        Mockito.when(session.isOffline()).thenReturn(true);

        // up's ghillie.preview.registry forces the registry target: "use imageTarget=tar" would change nothing.
        assertThatThrownBy(
                        () -> mojo.imageSettings("dev.ghillie.runtime.Main", java.util.Optional.of("127.0.0.1:5001")))
                .isInstanceOf(dev.ghillie.preview.PreviewException.class)
                .hasMessageStartingWith("ghillie.preview.registry pushes the image to 127.0.0.1:5001")
                .hasMessageContaining("leave out ghillie.preview.registry")
                .hasMessageNotContaining("imageTarget")
                .hasMessageNotContaining("\n");
    }

    @Test
    @InjectMojo(goal = "image")
    void aWrongValueFailsWithOneLineNamingTheProperty(ImageMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "user", "root");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("ghillie.preview.user='root'")
                .hasMessageNotContaining("\n");
    }

    @Test
    @InjectMojo(goal = "image")
    void imageRepoAndTagFallBackToTheDesignsVariablesThenToArtifactIdAndVersion(ImageMojo mojo) throws Exception {
        setVariableValueToObject(
                mojo, "outputDirectory", work.resolve("target/ghillie-preview").toFile());
        setVariableValueToObject(mojo, "environment", Map.of());
        ImageSettings defaults = mojo.imageSettings("dev.ghillie.runtime.Main");
        assertThat(defaults.imageName()).isEqualTo("service");
        assertThat(defaults.tag()).isEqualTo("2.0.0");

        setVariableValueToObject(
                mojo,
                "environment",
                Map.of("GHILLIE_IMAGE_REPO", "localhost:5001/team/service", "GHILLIE_IMAGE_TAG", "ci-42"));
        ImageSettings fromEnvironment = mojo.imageSettings("dev.ghillie.runtime.Main");
        assertThat(fromEnvironment.imageName()).isEqualTo("localhost:5001/team/service");
        assertThat(fromEnvironment.tag()).isEqualTo("ci-42");

        setVariableValueToObject(mojo, "imageName", "property-service");
        setVariableValueToObject(mojo, "imageTag", "property-tag");
        ImageSettings fromProperties = mojo.imageSettings("dev.ghillie.runtime.Main");
        assertThat(fromProperties.imageName()).isEqualTo("property-service");
        assertThat(fromProperties.tag()).isEqualTo("property-tag");
    }

    @Test
    @InjectMojo(goal = "image")
    void aWrongImageRepoOrTagFromTheEnvironmentNamesTheVariable(ImageMojo mojo) throws Exception {
        setVariableValueToObject(
                mojo, "outputDirectory", work.resolve("target/ghillie-preview").toFile());

        setVariableValueToObject(mojo, "environment", Map.of("GHILLIE_IMAGE_TAG", "-dash"));
        assertThatThrownBy(() -> mojo.imageSettings("dev.ghillie.runtime.Main"))
                .hasMessage(
                        "ghillie.preview.imageTag='-dash' is not a tag: use up to 128 letters, digits, '_', '.' or '-',"
                                + " not starting with '.' or '-' (read from GHILLIE_IMAGE_TAG)");

        setVariableValueToObject(mojo, "environment", Map.of("GHILLIE_IMAGE_REPO", "Service:1"));
        assertThatThrownBy(() -> mojo.imageSettings("dev.ghillie.runtime.Main"))
                .hasMessageStartingWith("ghillie.preview.imageName='Service:1' is not an image name")
                .hasMessageEndingWith(" (read from GHILLIE_IMAGE_REPO)");

        setVariableValueToObject(mojo, "environment", Map.of("GHILLIE_IMAGE_REPO", "localhost:5001/service"));
        assertThatThrownBy(() -> mojo.imageSettings("dev.ghillie.runtime.Main", Optional.of("127.0.0.1:5002")))
                .hasMessage(
                        "ghillie.preview.imageName='localhost:5001/service' names a registry, but ghillie.preview.registry decides where"
                                + " the image goes (127.0.0.1:5002): give the name without a registry host, e.g. 'service' (read from GHILLIE_IMAGE_REPO)");

        setVariableValueToObject(mojo, "imageTag", "-dash");
        setVariableValueToObject(mojo, "environment", Map.of());
        assertThatThrownBy(() -> mojo.imageSettings("dev.ghillie.runtime.Main"))
                .hasMessageEndingWith("not starting with '.' or '-'");
    }
}
