package dev.ghillie.preview.mojo;

import dev.ghillie.preview.PreviewException;
import dev.ghillie.preview.gitops.GitOpsException;
import dev.ghillie.preview.gitops.GitOpsRenderer;
import dev.ghillie.preview.gitops.PlatformCharts;
import dev.ghillie.preview.gitops.PreviewSpec;
import dev.ghillie.preview.gitops.PublishedImage;
import dev.ghillie.preview.gitops.RenderReport;
import dev.ghillie.preview.gitops.RenderedManifests;
import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.ProcessRunner;
import dev.ghillie.preview.process.SecretMasker;
import dev.ghillie.preview.settings.KeyValuePairs;
import dev.ghillie.preview.settings.SettingsException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders the Flux GitOps tree that runs the same chart and image as an ephemeral preview per pull
 * request (docs/gitops.md): the platform, the cluster's entry points, the infrastructure modules'
 * manifests and, with {@code ghillie.preview.gitops.preview}, one preview pinned to the image the
 * build pushed. Check mode fails the build when the tree would change.
 */
@Mojo(name = "gitops", threadSafe = true)
public class GitOpsMojo extends AbstractPreviewMojo {

    /** A checkout of the GitOps repository. */
    @Parameter(property = "ghillie.preview.gitops.dir")
    private File dir;

    /** The cluster's name, a DNS label: the tree's clusters/NAME/ and previews/NAME/. */
    @Parameter(property = "ghillie.preview.gitops.cluster")
    private String cluster;

    /** The infrastructure modules' manifests: the JSON `tofu output -json rendered_manifests` prints. */
    @Parameter(property = "ghillie.preview.gitops.rendered")
    private File rendered;

    /** The preview's id, a DNS label such as pr-123; none renders only the platform. */
    @Parameter(property = "ghillie.preview.gitops.preview")
    private String preview;

    /** The domain preview hosts live under: the preview answers at ID.DOMAIN. */
    @Parameter(property = "ghillie.preview.gitops.domain")
    private String domain;

    /** Remove the preview (its folder and entry) instead of rendering it. */
    @Parameter(property = "ghillie.preview.gitops.remove", defaultValue = "false")
    private boolean remove;

    /** Write nothing; fail with the paths that would change (drift detection). */
    @Parameter(property = "ghillie.preview.gitops.check", defaultValue = "false")
    private boolean check;

    /** Platform chart versions in place of the pinned ones, e.g. traefik=41.3.0,cert-manager=v1.21.1. */
    @Parameter(property = "ghillie.preview.gitops.chartVersions")
    private String chartVersions;

    /** The Git address of this application's repository, where Flux fetches charts/ghillie from. */
    @Parameter(property = "ghillie.preview.gitops.chartRepository")
    private String chartRepository;

    /** The commit whose chart the preview runs; default: the commit checked out here (git rev-parse HEAD). */
    @Parameter(property = "ghillie.preview.gitops.chartRevision")
    private String chartRevision;

    /** Where preview:image wrote image.json (the same setting as that goal's). */
    @Parameter(
            property = "ghillie.preview.imageOutputDirectory",
            defaultValue = "${project.build.directory}/ghillie-preview")
    private File imageOutputDirectory;

    @Override
    public void execute() throws MojoFailureException {
        if (!isServiceModule("gitops")) {
            return;
        }
        long start = System.nanoTime();
        try {
            GitOpsRenderer.Options options = options();
            Path tree = required(
                            "ghillie.preview.gitops.dir",
                            dir == null ? null : dir.getPath(),
                            "a checkout of the GitOps repository")
                    .transform(Path::of);
            Map<String, String> manifests = rendered == null ? Map.of() : RenderedManifests.read(rendered.toPath());
            RenderReport report = new GitOpsRenderer(options).render(tree, manifests, cluster);
            writeReport(report);
            // The goal's own time (inputs read, tree rendered, report written), as docs/benchmarks.md records it.
            long millis = (System.nanoTime() - start) / 1_000_000;
            getLog().info("gitops tree " + tree + (check ? " checked: " : ": ") + report.counts() + " in " + millis
                    + " ms");
            boolean drift = check && !report.changed().isEmpty();
            // A failing drift check lists every path at error level, so that -q still shows what differs.
            report.changeLines().forEach(line -> {
                if (drift) {
                    getLog().error("  would be " + line);
                } else {
                    getLog().info("  " + (check ? "would be " : "") + line);
                }
            });
            report.notes().forEach(getLog()::warn);
            if (check && !report.changed().isEmpty()) {
                List<String> changed = report.changed();
                throw new GitOpsException(
                        "The GitOps tree differs from what the goal renders (ghillie.preview.gitops.check) in "
                                + changed.size() + (changed.size() == 1 ? " path: " : " paths: ")
                                + String.join(", ", changed.subList(0, Math.min(5, changed.size())))
                                + (changed.size() > 5 ? ", ..." : "")
                                + " (all listed above and in gitops-report.json): run preview:gitops without check and commit the result");
            }
        } catch (PreviewException e) {
            throw failure(e);
        }
    }

    private GitOpsRenderer.Options options() {
        PlatformCharts charts = PlatformCharts.pinned();
        if (chartVersions != null && !chartVersions.isBlank()) {
            charts = charts.withVersions(chartVersionPairs());
        }
        Optional<String> id = Optional.ofNullable(preview).map(String::strip).filter(text -> !text.isEmpty());
        if (remove) {
            String removed = id.orElseThrow(() -> new GitOpsException("ghillie.preview.gitops.remove is true but"
                    + " ghillie.preview.gitops.preview is not set: name the preview to remove, e.g. pr-123"));
            return new GitOpsRenderer.Options(charts, Optional.empty(), Optional.of(removed), check);
        }
        Optional<PreviewSpec> spec = id.map(this::previewSpec);
        return new GitOpsRenderer.Options(charts, spec, Optional.empty(), check);
    }

    private Map<String, String> chartVersionPairs() {
        try {
            return KeyValuePairs.parse("ghillie.preview.gitops.chartVersions", chartVersions);
        } catch (SettingsException e) {
            throw new GitOpsException("ghillie.preview.gitops.chartVersions='" + chartVersions
                    + "' is not chart=version pairs: use e.g." + " traefik=41.3.0,cert-manager=v1.21.1");
        }
    }

    private PreviewSpec previewSpec(String id) {
        PublishedImage image = PublishedImage.read(imageOutputDirectory.toPath().resolve("image.json"));
        String repository = required(
                "ghillie.preview.gitops.chartRepository",
                chartRepository,
                "the Git address of this application's repository, e.g. https://github.com/team/service.git");
        String revision =
                chartRevision != null && !chartRevision.isBlank() ? chartRevision.strip() : checkedOutCommit();
        return new PreviewSpec(
                id,
                domain == null ? "" : domain.strip(),
                image.repository(),
                image.digest(),
                repository,
                revision,
                serviceConventions());
    }

    /** The commit the build runs on: git resolves worktrees, submodules and packed refs. */
    private String checkedOutCommit() {
        ProcessRunner git =
                new ProcessRunner(System.getenv(), project.getBasedir().toPath(), SecretMasker.none(), progress());
        ProcessResult head;
        try {
            head = git.run(Duration.ofSeconds(30), "git", "rev-parse", "--verify", "HEAD");
        } catch (PreviewException e) {
            throw new GitOpsException(
                    "ghillie.preview.gitops.chartRevision is not set and git could not tell the checked-out commit ("
                            + e.getMessage() + "): set it to the commit whose chart the preview runs");
        }
        String commit = head.stdout().strip();
        if (!head.succeeded() || !commit.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
            throw new GitOpsException("ghillie.preview.gitops.chartRevision is not set and " + project.getBasedir()
                    + " is not in a git checkout with a commit: set it to the commit whose chart the preview runs");
        }
        return commit;
    }

    private void writeReport(RenderReport report) {
        Path file = workDir.toPath().resolve("gitops-report.json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, report.toJson());
        } catch (IOException e) {
            throw new GitOpsException(
                    "Could not write " + file + " (" + e.getMessage() + "): is the build directory writable?");
        }
    }

    private static String required(String setting, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new GitOpsException(setting + " is not set: give " + what);
        }
        return value.strip();
    }
}
