package dev.ghillie.preview.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildInputsTest {

    @TempDir
    Path module;

    /** Where the real git repositories go: apart from the module, which is not in one. */
    @TempDir
    Path repositories;

    Path source;
    MojoExecution compile;

    @BeforeEach
    void aModule() throws Exception {
        source = Files.createDirectories(module.resolve("src/main/java/dev")).resolve("Main.java");
        Files.writeString(source, "class Main {}");
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.createDirectories(module.resolve("target/classes"));
        Plugin compiler = new Plugin();
        compiler.setGroupId("org.apache.maven.plugins");
        compiler.setArtifactId("maven-compiler-plugin");
        compiler.setVersion("3.14.1");
        compile = new MojoExecution(compiler, "compile", "default-compile");
        compile.setConfiguration(new Xpp3Dom("configuration"));
    }

    private String fingerprint(Map<?, ?> properties) {
        return fingerprint(properties, List.of(module.resolve("src/main/resources")));
    }

    private String fingerprint(Map<?, ?> properties, List<Path> resourceDirs) {
        return new BuildInputs(module, module.resolve("target"), resourceDirs, List.of(compile), properties, List.of())
                .fingerprint()
                .orElseThrow();
    }

    /**
     * In a reactor build without {@code package}, a sibling module resolves to its {@code target/classes} directory:
     * a class recompiled there changes that file, not the directory's own size or time.
     */
    @Test
    void aClassChangedInADependencyModulesClassesDirectoryChangesIt() throws Exception {
        Path classes = Files.createDirectories(repositories.resolve("lib/target/classes/dev/lib"));
        Path compiled = Files.writeString(classes.resolve("Lib.class"), "compiled");
        FileTime directoryTime = Files.getLastModifiedTime(classes);
        org.apache.maven.artifact.Artifact lib = new org.apache.maven.artifact.DefaultArtifact(
                "dev.example",
                "lib",
                "1.0",
                "compile",
                "jar",
                null,
                new org.apache.maven.artifact.handler.DefaultArtifactHandler("jar"));
        lib.setFile(repositories.resolve("lib/target/classes").toFile());
        BuildInputs inputs =
                new BuildInputs(module, module.resolve("target"), List.of(), List.of(compile), Map.of(), List.of(lib));
        String before = inputs.fingerprint().orElseThrow();
        Files.writeString(compiled, "compiled again");
        Files.setLastModifiedTime(compiled, FileTime.from(Instant.now().plusSeconds(5)));
        Files.setLastModifiedTime(classes, directoryTime);

        assertThat(inputs.fingerprint().orElseThrow()).isNotEqualTo(before);
    }

    @Test
    void theSameInputsGiveTheSameFingerprint() {
        assertThat(fingerprint(Map.of())).isEqualTo(fingerprint(Map.of())).hasSize(64);
    }

    @Test
    void aChangedSourceFileChangesIt() throws Exception {
        String before = fingerprint(Map.of());
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(fingerprint(Map.of())).isNotEqualTo(before);
    }

    @Test
    void aNewFileAndAChangedPomChangeIt() throws Exception {
        String before = fingerprint(Map.of());
        Files.writeString(module.resolve("src/main/java/dev/Other.java"), "class Other {}");
        String withNewFile = fingerprint(Map.of());
        Files.writeString(module.resolve("pom.xml"), "<project><!-- changed --></project>");

        assertThat(withNewFile).isNotEqualTo(before);
        assertThat(fingerprint(Map.of())).isNotEqualTo(withNewFile);
    }

    @Test
    void whatTheBuildWritesAndWhatIsNeverAnInputAreLeftOut() throws Exception {
        String before = fingerprint(Map.of());
        Files.writeString(module.resolve("target/classes/Main.class"), "compiled");
        Files.writeString(module.resolve("build.log"), "a log written while building");
        Files.createDirectories(module.resolve(".idea"));
        Files.writeString(module.resolve(".idea/workspace.xml"), "<x/>");
        Files.createDirectories(module.resolve("src/test/java"));
        Files.writeString(module.resolve("src/test/java/MainTest.java"), "class MainTest {}");
        Files.createDirectories(module.resolve("node_modules/left-pad"));
        Files.writeString(module.resolve("node_modules/left-pad/index.js"), "module.exports = 1");

        assertThat(fingerprint(Map.of())).isEqualTo(before);
    }

    @Test
    void anyOtherFileAPluginMayReadChangesIt() throws Exception {
        String before = fingerprint(Map.of());
        Files.createDirectories(module.resolve("src/main/frontend"));
        Files.writeString(module.resolve("src/main/frontend/app.js"), "render()");
        String withFrontend = fingerprint(Map.of());
        Files.writeString(module.resolve("package.json"), "{}");

        assertThat(withFrontend).isNotEqualTo(before);
        assertThat(fingerprint(Map.of())).isNotEqualTo(withFrontend);
    }

    @Test
    void aResourceDirectoryOutsideTheModuleIsReadButNeverTheBuildDirectory() throws Exception {
        Path shared = Files.createDirectories(module.resolveSibling(module.getFileName() + "-shared"));
        Files.writeString(shared.resolve("banner.txt"), "hello");
        String before = fingerprint(Map.of(), List.of(shared, module));
        Files.writeString(shared.resolve("banner.txt"), "hello, world");
        String changed = fingerprint(Map.of(), List.of(shared, module));
        // A resource directory at the module root (for LICENSE files) must not pull target/ in.
        Files.writeString(module.resolve("target/classes/Main.class"), "compiled again");

        assertThat(changed).isNotEqualTo(before);
        assertThat(fingerprint(Map.of(), List.of(shared, module))).isEqualTo(changed);
    }

    @Test
    void theGoalsOwnPropertiesAreNotInputs() {
        assertThat(fingerprint(Map.of("ghillie.preview.image.reference", "service:1.0-abc")))
                .isEqualTo(fingerprint(Map.of()));
    }

    @Test
    void theOutputsFingerprintSeesAChangedClass() throws Exception {
        Path classes = module.resolve("target/classes");
        Files.writeString(classes.resolve("Main.class"), "compiled");
        String before = BuildInputs.outputs(classes).orElseThrow();
        Files.writeString(classes.resolve("Main.class"), "compiled by another build");

        assertThat(BuildInputs.outputs(classes)).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void aResourceDirectoryAppearingChangesIt() throws Exception {
        String before = fingerprint(Map.of());
        Files.createDirectories(module.resolve("src/main/resources"));
        Files.writeString(module.resolve("src/main/resources/app.properties"), "greeting=hello");

        assertThat(fingerprint(Map.of())).isNotEqualTo(before);
    }

    @Test
    void aPropertyOrAGoalConfigurationChangesIt() {
        Properties release17 = new Properties();
        release17.setProperty("maven.compiler.release", "17");
        String before = fingerprint(Map.of());
        String withProperty = fingerprint(release17);
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom debug = new Xpp3Dom("debug");
        debug.setValue("false");
        configuration.addChild(debug);
        compile.setConfiguration(configuration);

        assertThat(withProperty).isNotEqualTo(before);
        assertThat(fingerprint(Map.of())).isNotEqualTo(before);
    }

    @Test
    void theCheckedOutCommitIsReadThroughItsBranch() throws Exception {
        Path git = Files.createDirectories(module.getParent().resolve(module.getFileName() + "-repo/.git/refs/heads"));
        Path work =
                Files.createDirectories(git.getParent().getParent().getParent().resolve("service"));
        Files.writeString(git.getParent().getParent().resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(git.resolve("main"), "3e237ac0000000000000000000000000000000aa\n");

        assertThat(BuildInputs.gitHead(work)).contains("ref: refs/heads/main 3e237ac0000000000000000000000000000000aa");

        Files.writeString(git.resolve("main"), "9fad4790000000000000000000000000000000bb\n");
        assertThat(BuildInputs.gitHead(work)).contains("ref: refs/heads/main 9fad4790000000000000000000000000000000bb");
    }

    /** A linked worktree's .git is a file naming its gitdir; its branch lives in the main repository's refs. */
    @Test
    void aWorktreeIsReadThroughItsGitdirAndTheCommonRefs() throws Exception {
        Path repo = gitRepository("main-repo");
        Path linked = repositories.resolve("linked");
        git(repo, "worktree", "add", "-q", "-b", "feature", linked.toString());
        git(linked, "commit", "-q", "--allow-empty", "-m", "on feature");

        assertThat(Files.isRegularFile(linked.resolve(".git"))).isTrue();
        assertThat(BuildInputs.gitHead(linked.resolve("sub/dir")))
                .contains("ref: refs/heads/feature " + git(linked, "rev-parse", "HEAD"));
        assertThat(BuildInputs.gitHead(repo)).contains("ref: refs/heads/main " + git(repo, "rev-parse", "HEAD"));

        git(linked, "commit", "-q", "--allow-empty", "-m", "again");
        git(repo, "pack-refs", "--all");
        assertThat(Files.exists(repo.resolve(".git/refs/heads/feature"))).isFalse();
        assertThat(BuildInputs.gitHead(linked)).contains("ref: refs/heads/feature " + git(linked, "rev-parse", "HEAD"));
    }

    /** A submodule's .git is a file pointing into the superproject's .git/modules. */
    @Test
    void aSubmoduleIsReadThroughItsGitdir() throws Exception {
        Path library = gitRepository("library");
        Path superproject = gitRepository("superproject");
        git(superproject, "-c", "protocol.file.allow=always", "submodule", "add", "-q", library.toString(), "lib");
        Path submodule = superproject.resolve("lib");
        git(submodule, "commit", "-q", "--allow-empty", "-m", "in the submodule");

        assertThat(Files.isRegularFile(submodule.resolve(".git"))).isTrue();
        assertThat(BuildInputs.gitHead(submodule))
                .contains("ref: refs/heads/main " + git(submodule, "rev-parse", "HEAD"));
    }

    @Test
    void aDetachedHeadIsItsCommit() throws Exception {
        Path repo = gitRepository("detached");
        String commit = git(repo, "rev-parse", "HEAD");
        git(repo, "checkout", "-q", "--detach");

        assertThat(BuildInputs.gitHead(repo)).contains(commit);
    }

    private Path gitRepository(String name) throws Exception {
        Path repo = Files.createDirectories(repositories.resolve(name));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "commit", "-q", "--allow-empty", "-m", "first");
        return repo;
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                "git", "-c", "user.name=test", "-c", "user.email=test@example.test", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        assertThat(process.waitFor())
                .as("git %s: %s", String.join(" ", args), output)
                .isZero();
        return output;
    }
}
