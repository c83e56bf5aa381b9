package dev.ghillie.preview.mojo;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * preview:gitops configured through its generated plugin descriptor, as Maven does it: what it writes
 * besides the tree (the report), and how its own settings fail (one line, nothing written). The tree's
 * contents are GitOpsRendererTest's.
 */
@MojoTest
class GitOpsMojoTest {

    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Inject
    private MavenProject project;

    @TempDir
    Path work;

    private Path tree;
    private Path workDir;

    @BeforeEach
    void aServiceModuleAndAnEmptyGitOpsCheckout() throws IOException {
        project.getModel().setPackaging("jar");
        project.getBuild()
                .setOutputDirectory(
                        Files.createDirectories(work.resolve("target/classes")).toString());
        project.getProperties().setProperty("mainClass", "dev.ghillie.runtime.Main");
        tree = Files.createDirectories(work.resolve("gitops"));
        workDir = work.resolve("target/ghillie-preview");
    }

    private void configure(GitOpsMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "workDir", workDir.toFile());
        setVariableValueToObject(mojo, "imageOutputDirectory", workDir.toFile());
        setVariableValueToObject(mojo, "dir", tree.toFile());
        setVariableValueToObject(mojo, "cluster", "preview-eu");
    }

    private void aPreview(GitOpsMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "preview", "pr-123");
        setVariableValueToObject(mojo, "domain", "preview.example.test");
        setVariableValueToObject(mojo, "chartRepository", "https://example.test/team/service.git");
        setVariableValueToObject(mojo, "chartRevision", COMMIT);
    }

    /** A user's mistake: one line without a cause, and nothing written to the tree. */
    private AbstractThrowableAssert<?, ? extends Throwable> failsWithOneLineWritingNothing(GitOpsMojo mojo)
            throws IOException {
        AbstractThrowableAssert<?, ? extends Throwable> failure = assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(files(tree)).isEmpty();
        return failure;
    }

    private void aPushedImage() throws IOException {
        Files.createDirectories(workDir);
        Files.writeString(workDir.resolve("image.json"), """
                {"reference": "registry.example.test/team/service:1.0-0123456789ab", "digest": "%s", "target": "registry", "tar": null}
                """.formatted(DIGEST));
    }

    @Test
    @InjectMojo(goal = "gitops")
    void rendersThePreviewWithThePushedImageAndWritesTheReportAsJson(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        aPreview(mojo);
        aPushedImage();

        mojo.execute();

        String release = Files.readString(tree.resolve("previews/preview-eu/pr-123/release.yaml"));
        assertThat(release).contains("repository: registry.example.test/team/service", DIGEST);
        assertThat(Files.readString(tree.resolve("previews/preview-eu/pr-123/source.yaml")))
                .contains(COMMIT, "https://example.test/team/service.git");
        JsonNode report = new ObjectMapper()
                .readTree(workDir.resolve("gitops-report.json").toFile());
        assertThat(report.get("check").asBoolean()).isFalse();
        assertThat(report.get("created"))
                .extracting(JsonNode::asText)
                .contains("previews/preview-eu/pr-123/release.yaml", "platform/traefik/traefik.yaml");
        assertThat(report.get("created")).hasSize(files(tree).size());
        assertThat(report.get("updated")).isEmpty();
        assertThat(report.get("unchanged")).isEmpty();
        assertThat(report.get("removed")).isEmpty();
    }

    @Test
    @InjectMojo(goal = "gitops")
    void checkModeFailsWithThePathsThatWouldChangeAndWritesNothing(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "check", true);

        failsWithOneLineWritingNothing(mojo)
                .hasMessageStartingWith(
                        "The GitOps tree differs from what the goal renders (ghillie.preview.gitops.check) in ")
                .hasMessageContaining(" paths: clusters/preview-eu/kustomization.yaml, ")
                .hasMessageContaining(", ... (all listed above and in gitops-report.json)")
                .hasMessageEndingWith(": run preview:gitops without check and commit the result");
        JsonNode report = new ObjectMapper()
                .readTree(workDir.resolve("gitops-report.json").toFile());
        assertThat(report.get("check").asBoolean()).isTrue();
        assertThat(report.get("created")).extracting(JsonNode::asText).contains("platform/traefik/traefik.yaml");
    }

    @Test
    @InjectMojo(goal = "gitops")
    void checkModePassesOnARenderedTree(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        mojo.execute();
        setVariableValueToObject(mojo, "check", true);

        assertThatCode(mojo::execute).doesNotThrowAnyException();
        JsonNode report = new ObjectMapper()
                .readTree(workDir.resolve("gitops-report.json").toFile());
        assertThat(report.get("check").asBoolean()).isTrue();
        assertThat(report.get("created")).isEmpty();
        assertThat(report.get("unchanged")).hasSize(files(tree).size());
    }

    @Test
    @InjectMojo(goal = "gitops")
    void removeWithoutAPreviewIdIsOneLine(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "remove", true);

        failsWithOneLineWritingNothing(mojo)
                .hasMessage(
                        "ghillie.preview.gitops.remove is true but ghillie.preview.gitops.preview is not set: name the preview to remove, e.g. pr-123");
    }

    @Test
    @InjectMojo(goal = "gitops")
    void aPreviewWithoutChartRepositoryIsOneLine(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        aPreview(mojo);
        setVariableValueToObject(mojo, "chartRepository", null);
        aPushedImage();

        failsWithOneLineWritingNothing(mojo)
                .hasMessage(
                        "ghillie.preview.gitops.chartRepository is not set: give the Git address of this application's repository,"
                                + " e.g. https://github.com/team/service.git");
    }

    @Test
    @InjectMojo(goal = "gitops")
    void aPreviewWithoutAPushedImageIsOneLine(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        aPreview(mojo);

        failsWithOneLineWritingNothing(mojo)
                .hasMessageStartingWith("No pushed image: " + workDir.resolve("image.json") + " does not exist")
                .hasMessageContaining("-Dghillie.preview.imageTarget=registry");
    }

    @Test
    @InjectMojo(goal = "gitops")
    void noCheckoutIsOneLineNamingTheSetting(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        setVariableValueToObject(mojo, "dir", null);

        failsWithOneLineWritingNothing(mojo)
                .hasMessage("ghillie.preview.gitops.dir is not set: give a checkout of the GitOps repository");
    }

    @Test
    @InjectMojo(goal = "gitops")
    void doesNothingOutsideTheServiceModule(GitOpsMojo mojo) throws Exception {
        configure(mojo);
        project.getModel().setPackaging("pom");

        mojo.execute();

        assertThat(files(tree)).isEmpty();
        assertThat(workDir.resolve("gitops-report.json")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "gitops")
    void descriptorDefaultsAreTheDocumentedOnes(GitOpsMojo mojo) throws Exception {
        assertThat((Boolean) getVariableValueFromObject(mojo, "check")).isFalse();
        assertThat((Boolean) getVariableValueFromObject(mojo, "remove")).isFalse();
        assertThat((Object) getVariableValueFromObject(mojo, "preview")).isNull();
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
