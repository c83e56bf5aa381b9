package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real training runs: a tiny service on a base image jlinked from the build JDK, whose JVM is unpacked from the
 * image tar and run here, as on a user's Linux machine.
 */
class StartupCacheTest {

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static Path jlinkBase;

    private final RecordingLog log = new RecordingLog();

    @BeforeAll
    static void jlinkBase() throws Exception {
        if (System.getProperty("os.name").equals("Linux")) {
            jlinkBase = JlinkBaseImage.fromBuildJdk()
                    .write(Files.createDirectories(shared.resolve("jlink")), shared.resolve("base.tar"));
        }
    }

    @Test
    void trainsOnTheBaseImagesJvmAndTrainsAgainOnlyWhenAJarChanges() throws Exception {
        assumeTrue(jlinkBase != null, "skipped: the jlinked base needs Linux");
        assumeTrue(
                Runtime.version().feature() >= 25,
                "skipped: an ahead-of-time cache needs a JDK 25 build JDK (the jlinked base)");
        Path classes = classesOf(TinyService.class);
        StartupCache cache = new StartupCache(log);

        Optional<StartupCache.Made> made = cache.prepare(
                        tiny(), layout(classes, "one"), machine(), suggested -> jlinkBase, work)
                .made();

        assertThat(made).isPresent();
        assertThat(made.get().jvmFlag()).isEqualTo("-XX:AOTCache=/app/startup.aot");
        assertThat(made.get().java()).as("the JVM trained on, by its path").isEqualTo("/opt/java/openjdk/bin/java");
        assertThat(made.get().base()).isEqualTo(jlinkBase);
        assertThat(made.get().file()).isRegularFile().isNotEmptyFile();
        assertThat(log.steps())
                .singleElement()
                .asString()
                .startsWith("image: startup cache trained on JDK "
                        + Runtime.version().feature());
        assertThat(Files.readString(work.resolve("training.log")))
                .as("the pod's heap, then the image's own flags")
                .contains("tiny service on port")
                .contains("JVM arguments: [-XX:MaxRAM=512m, -XX:+UseSerialGC, -XX:AOTCacheOutput=");
        assertThat(work.resolve("training"))
                .as("the jars' copies are gone once the cache is made")
                .doesNotExist();
        long trained = Files.getLastModifiedTime(made.get().file()).toMillis();

        Optional<StartupCache.Made> again = cache.prepare(
                        tiny(), layout(classes, "two"), machine(), suggested -> jlinkBase, work)
                .made();
        assertThat(log.steps()).last().asString().isEqualTo("image: startup cache unchanged, reused");
        assertThat(Files.getLastModifiedTime(again.orElseThrow().file()).toMillis())
                .isEqualTo(trained);

        Files.writeString(classes.resolve("application.yaml"), "changed: true\n");
        cache.prepare(tiny(), layout(classes, "three"), machine(), suggested -> jlinkBase, work);
        assertThat(log.steps()).last().asString().contains("trained");

        StartupCache.Service otherFlags =
                new StartupCache.Service(TinyService.class.getName(), List.of("-XX:+UseParallelGC"), "/app");
        cache.prepare(otherFlags, layout(classes, "four"), machine(), suggested -> jlinkBase, work);
        assertThat(log.steps()).last().asString().contains("trained");
        assertThat(log.steps()).hasSize(4);
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void aServiceThatDoesNotStartLeavesNoCacheAndSaysWhy() throws Exception {
        assumeTrue(jlinkBase != null, "skipped: the jlinked base needs Linux");
        StartupCache cache = new StartupCache(
                log,
                "Linux",
                System.getProperty("os.arch"),
                new TrainingRun(Duration.ofSeconds(60), Duration.ofSeconds(60)));
        StartupCache.Service service = new StartupCache.Service(ExitingService.class.getName(), List.of(), "/app");

        StartupCache.Outcome outcome = cache.prepare(
                service, layout(classesOf(ExitingService.class), "x"), machine(), suggested -> jlinkBase, work);

        assertThat(outcome.made()).isEmpty();
        assertThat(outcome.settled()).as("the same inputs fail the same way").isTrue();
        assertThat(log.warnings())
                .containsExactly(
                        "image: no startup cache: the training run exited with code 3 before /health answered:"
                                + " DATABASE_URL is not set: cannot start; the image is built without one (-Dghillie.preview.startupCache=false skips this step)");

        // A second run would fail with its own message; this one says it did not run.
        assertThat(cache.prepare(
                                service,
                                layout(classesOf(ExitingService.class), "y"),
                                machine(),
                                suggested -> jlinkBase,
                                work)
                        .made())
                .isEmpty();
        assertThat(log.warnings())
                .last()
                .asString()
                .startsWith("image: no startup cache: the training run failed with these same inputs before:"
                        + " DATABASE_URL is not set: cannot start (all of it: ")
                .contains("or after deleting " + work.resolve("startup-cache-failed.sha256"));
    }

    @Test
    void notOnLinuxTheBaseIsNotEvenRead() throws Exception {
        StartupCache cache = new StartupCache(
                log, "Mac OS X", "aarch64", new TrainingRun(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        StartupCache.Outcome outcome = cache.prepare(
                tiny(),
                layout(classesOf(TinyService.class), "x"),
                machine(),
                suggested -> {
                    throw new AssertionError("the base must not be fetched");
                },
                work);

        assertThat(outcome.made()).isEmpty();
        assertThat(outcome.settled()).isTrue();
        assertThat(log.warnings())
                .containsExactly(
                        "image: no startup cache: the training run needs a Linux machine to run the base"
                                + " image's JVM, this is Mac OS X; the image is built without one (-Dghillie.preview.startupCache=false skips this step)");
    }

    @Test
    void aBaseForAnotherArchitectureIsSaidSo() throws Exception {
        Path arm = new TestArchive()
                .architecture("arm64")
                .layer()
                .file("opt/java/openjdk/bin/java", "", 0755)
                .write(work.resolve("arm.tar"));
        StartupCache cache =
                new StartupCache(log, "Linux", "x86_64", new TrainingRun(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        assertThat(cache.prepare(tiny(), layout(classesOf(TinyService.class), "x"), AMD64, suggested -> arm, work)
                        .made())
                .isEmpty();

        assertThat(log.warnings())
                .containsExactly(
                        "image: no startup cache: the base image is linux/arm64, this machine linux/amd64,"
                                + " so its JVM cannot run here; the image is built without one (-Dghillie.preview.startupCache=false skips this step)");
    }

    @Test
    void anImageForAnotherArchitectureGetsNoCacheAndItsBaseIsNotEvenRead() throws Exception {
        StartupCache cache =
                new StartupCache(log, "Linux", "x86_64", new TrainingRun(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        StartupCache.Outcome outcome = cache.prepare(
                tiny(),
                layout(classesOf(TinyService.class), "x"),
                TargetPlatforms.ofNodes(List.of("arm64")),
                suggested -> {
                    throw new AssertionError("the base must not be fetched");
                },
                work);

        assertThat(outcome.made()).isEmpty();
        assertThat(outcome.settled())
                .as("the same inputs give the same image without a cache")
                .isTrue();
        assertThat(log.warnings())
                .containsExactly("image: no startup cache: the image is built for linux/arm64 (the cluster's nodes),"
                        + " and the training run runs the base image's JVM on this machine, linux/amd64; the image is built without one"
                        + " (-Dghillie.preview.startupCache=false skips this step)");
    }

    @Test
    void anImageForSeveralPlatformsGetsNoCache() throws Exception {
        StartupCache cache = new StartupCache(
                log, "Linux", "aarch64", new TrainingRun(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        StartupCache.Outcome outcome = cache.prepare(
                tiny(),
                layout(classesOf(TinyService.class), "x"),
                TargetPlatforms.parse("linux/amd64,linux/arm64"),
                suggested -> {
                    throw new AssertionError("the base must not be fetched");
                },
                work);

        assertThat(outcome.made()).isEmpty();
        assertThat(log.warnings())
                .singleElement()
                .asString()
                .startsWith(
                        "image: no startup cache: the image is built for"
                                + " linux/amd64,linux/arm64 (ghillie.preview.platforms), and the training run runs the base image's JVM on this machine, linux/arm64;");
    }

    @Test
    void aBaseWithoutAJvmIsSaidSo() throws Exception {
        Path scratch = new TestArchive().layer().file("etc/hostname", "x", 0644).write(work.resolve("scratch.tar"));
        StartupCache cache =
                new StartupCache(log, "Linux", "amd64", new TrainingRun(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        assertThat(cache.prepare(tiny(), layout(classesOf(TinyService.class), "x"), AMD64, suggested -> scratch, work)
                        .made())
                .isEmpty();

        assertThat(log.warnings())
                .containsExactly(
                        "image: no startup cache: the base image has no JVM at JAVA_HOME=/opt/java/openjdk; the image is built without one (-Dghillie.preview.startupCache=false skips this step)");
    }

    @Test
    void aBaseBeforeJdk25IsToldWhichBaseToUse() throws Exception {
        Path jdk21 = new TestArchive()
                .env("JAVA_HOME=/opt/java/openjdk")
                .layer()
                .file("opt/java/openjdk/bin/java", "#!/bin/sh\nexit 1\n", 0755)
                .file("opt/java/openjdk/release", "JAVA_VERSION=\"21.0.9\"\n", 0644)
                .write(work.resolve("jdk21.tar"));
        StartupCache cache =
                new StartupCache(log, "Linux", "amd64", new TrainingRun(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        assertThat(cache.prepare(tiny(), layout(classesOf(TinyService.class), "x"), AMD64, suggested -> jdk21, work)
                        .made())
                .isEmpty();

        assertThat(log.warnings())
                .containsExactly(
                        "image: no startup cache: the base image's JVM is 21.0.9, and an ahead-of-time cache"
                                + " needs JDK 25 or newer: use a JDK 25 base such as eclipse-temurin:25-jre; the image is built without one (-Dghillie.preview.startupCache=false skips this step)");
    }

    @Test
    void aBaseThatCannotBeReadIsNotSettled() throws Exception {
        StartupCache cache =
                new StartupCache(log, "Linux", "amd64", new TrainingRun(Duration.ofSeconds(1), Duration.ofSeconds(1)));

        StartupCache.Outcome outcome = cache.prepare(
                tiny(),
                layout(classesOf(TinyService.class), "x"),
                AMD64,
                suggested -> {
                    throw new java.io.IOException("registry.example.com: connection refused\nat line two");
                },
                work);

        assertThat(outcome.made()).isEmpty();
        assertThat(outcome.settled())
                .as("the next build may reach the registry")
                .isFalse();
        assertThat(log.warnings())
                .containsExactly("image: no startup cache: IOException: registry.example.com: connection refused;"
                        + " the image is built without one (-Dghillie.preview.startupCache=false skips this step)");
    }

    private static final TargetPlatforms AMD64 = TargetPlatforms.ofMachine("amd64");

    /** Built for this machine, the only platform whose JVM a training run can run. */
    private static TargetPlatforms machine() {
        return TargetPlatforms.ofMachine(System.getProperty("os.arch"));
    }

    private static StartupCache.Service tiny() {
        return new StartupCache.Service(TinyService.class.getName(), List.of("-XX:+UseSerialGC"), "/app");
    }

    private ClassPathLayout layout(Path classes, String name) throws IOException {
        return ClassPathLayout.write(
                classes, List.of(), work.resolve("layout-" + name).resolve("app.jar"));
    }

    /** A classes folder holding just the given class, as target/classes would. */
    private Path classesOf(Class<?> type) throws IOException {
        String file = type.getName().replace('.', '/') + ".class";
        Path classes = work.resolve("classes-" + type.getSimpleName());
        Path target = classes.resolve(file);
        Files.createDirectories(target.getParent());
        try (var in = type.getClassLoader().getResourceAsStream(file)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return classes;
    }
}
