package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the image onto a base made by the test itself and reads the resulting tar back. No network. */
class RuntimeImageBuilderTest {

    @TempDir
    static Path shared;

    static Path baseTar;

    @TempDir
    Path work;

    @BeforeAll
    static void buildBase() throws Exception {
        baseTar = ScratchBaseImage.write(Files.createDirectories(shared.resolve("base")));
    }

    @Test
    void layersTheApplicationLikeJibsJavaBuilderOnTopOfTheBase() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageResult result = new RuntimeImageBuilder(new RecordingLog())
                .build(app.settings(baseTar, work.resolve("out")).build());

        ImageArchive image = ImageArchive.read(result.tarFile().orElseThrow());
        assertThat(image.layers()).hasSize(6);
        assertThat(image.layer(0)).containsOnlyKeys(ScratchBaseImage.MARKER);
        assertThat(image.layer(1)).containsOnlyKeys("/app/libs/lib-a-1.0.jar");
        assertThat(image.layer(2)).containsOnlyKeys("/app/libs/lib-b-1.0-SNAPSHOT.jar");
        assertThat(image.layer(3)).containsOnlyKeys("/app/libs/sibling-0.1.0-SNAPSHOT.jar");
        assertThat(image.layer(4)).containsOnlyKeys("/app/resources/dev/ghillie/runtime/build.properties");
        assertThat(image.layer(5))
                .containsOnlyKeys(
                        "/app/classes/dev/ghillie/runtime/Main.class", "/app/classes/dev/ghillie/runtime/Routes.class");
    }

    @Test
    void configRunsTheMainClassAsANonRootUserWithContainerAwareFlags() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageResult result = new RuntimeImageBuilder(new RecordingLog())
                .build(app.settings(baseTar, work.resolve("out")).build());

        JsonNode config =
                ImageArchive.read(result.tarFile().orElseThrow()).config().get("config");
        assertThat(texts(config.get("Entrypoint")))
                .containsExactly(
                        "java",
                        "-XX:MaxRAMPercentage=75",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        "/app/resources:/app/classes:/app/libs/*",
                        TestApp.MAIN_CLASS);
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/app");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(texts(config.get("Env"))).contains("PATH=/usr/bin:/bin", "GHILLIE_PORT=8080");
        JsonNode labels = config.get("Labels");
        assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("ghillie-runtime");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isEqualTo("1.0");
        assertThat(labels.get("org.opencontainers.image.revision").asText()).isEqualTo("0123456789abcdef");
        assertThat(labels.get("org.opencontainers.image.source").asText()).isEqualTo("https://example.com/ghillie");
    }

    /** A service that is not ghillie-runtime: its own port, and no variable when it reads none. */
    @Test
    void theImageExposesTheServicesPortAndSetsOnlyTheVariableItReads() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageResult plain = new RuntimeImageBuilder(new RecordingLog())
                .build(app.settings(baseTar, work.resolve("plain"))
                        .port(9090, java.util.Optional.empty())
                        .build());
        JsonNode config =
                ImageArchive.read(plain.tarFile().orElseThrow()).config().get("config");
        assertThat(config.get("ExposedPorts").properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("9090/tcp");
        assertThat(texts(config.get("Env"))).noneMatch(variable -> variable.contains("PORT"));

        ImageResult named = new RuntimeImageBuilder(new RecordingLog())
                .build(app.settings(baseTar, work.resolve("named"))
                        .port(9090, java.util.Optional.of("PORT"))
                        .build());
        assertThat(texts(ImageArchive.read(named.tarFile().orElseThrow())
                        .config()
                        .get("config")
                        .get("Env")))
                .contains("PORT=9090");
    }

    @Test
    void jvmFlagsAndUserCanBeChanged() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageSettings settings = app.settings(baseTar, work.resolve("out"))
                .jvmFlags(List.of("-Xmx64m"))
                .user("1000:1000")
                .build();
        ImageResult result = new RuntimeImageBuilder(new RecordingLog()).build(settings);

        JsonNode config =
                ImageArchive.read(result.tarFile().orElseThrow()).config().get("config");
        assertThat(texts(config.get("Entrypoint")))
                .containsExactly(
                        "java", "-Xmx64m", "-cp", "/app/resources:/app/classes:/app/libs/*", TestApp.MAIN_CLASS);
        assertThat(config.get("User").asText()).isEqualTo("1000:1000");
    }

    @Test
    void withTheStartupCacheTheClassPathIsJarsOnlyListedOneByOneAndABaseWithoutJvmOnlyCostsTheCache() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        RecordingLog log = new RecordingLog();
        ImageResult result = new RuntimeImageBuilder(log)
                .build(app.settings(baseTar, work.resolve("out"))
                        .startupCache(true)
                        .build());

        ImageArchive image = ImageArchive.read(result.tarFile().orElseThrow());
        assertThat(texts(image.config().get("config").get("Entrypoint")))
                .containsExactly(
                        "java",
                        "-XX:MaxRAMPercentage=75",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        "/app/app.jar:/app/libs/lib-a-1.0.jar:/app/libs/lib-b-1.0-SNAPSHOT.jar"
                                + ":/app/libs/sibling-0.1.0-SNAPSHOT.jar",
                        TestApp.MAIN_CLASS);
        assertThat(image.layers()).hasSize(5);
        assertThat(image.layer(1)).containsOnlyKeys("/app/libs/lib-a-1.0.jar");
        assertThat(image.layer(2)).containsOnlyKeys("/app/libs/lib-b-1.0-SNAPSHOT.jar");
        assertThat(image.layer(3)).containsOnlyKeys("/app/libs/sibling-0.1.0-SNAPSHOT.jar");
        assertThat(image.layer(4)).containsOnlyKeys("/app/app.jar");
        assertThat(log.warnings())
                .containsExactly("image: no startup cache: the base image has no JVM at JAVA_HOME=/opt/java/openjdk;"
                        + " the image is built without one (-Dghillie.preview.startupCache=false skips this step)");

        RecordingLog again = new RecordingLog();
        new RuntimeImageBuilder(again)
                .build(app.settings(baseTar, work.resolve("out"))
                        .startupCache(true)
                        .build());
        assertThat(again.steps())
                .as("no JVM in the base holds as long as the inputs do: the tar is what they give")
                .anyMatch(line -> line.contains("reused"));
    }

    @Test
    void theStartupCacheTrainedOnTheBaseJvmIsTheTopLayerAndTheEntrypointUsesIt() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getProperty("os.name").equals("Linux")
                        && Runtime.version().feature() >= 25,
                "skipped: the training run on a base jlinked from the build JDK needs Linux and JDK 25");
        Path jlinked = JlinkBaseImage.fromBuildJdk()
                .write(Files.createDirectories(work.resolve("jlink")), work.resolve("jlink-base.tar"));
        Path classes = Files.createDirectories(work.resolve("classes/dev/ghillie/preview/image"))
                .getParent()
                .getParent()
                .getParent()
                .getParent();
        String tiny = "dev/ghillie/preview/image/TinyService.class";
        try (var in = getClass().getClassLoader().getResourceAsStream(tiny)) {
            Files.copy(in, classes.resolve(tiny));
        }
        ImageSettings settings = ImageSettings.builder()
                .baseImage("tar://" + jlinked)
                .imageName("tiny")
                .mainClass("dev.ghillie.preview.image.TinyService")
                .creationTime("EPOCH")
                .classesDirectory(classes)
                .outputDirectory(work.resolve("out"))
                .jvmFlags(List.of("-XX:+UseSerialGC"))
                .startupCache(true)
                .build();

        ImageResult result = new RuntimeImageBuilder(new RecordingLog()).build(settings);

        ImageArchive image = ImageArchive.read(result.tarFile().orElseThrow());
        assertThat(texts(image.config().get("config").get("Entrypoint")))
                .containsExactly(
                        "/opt/java/openjdk/bin/java",
                        "-XX:+UseSerialGC",
                        "-XX:AOTCache=/app/startup.aot",
                        "-cp",
                        "/app/app.jar",
                        "dev.ghillie.preview.image.TinyService");
        assertThat(image.layer(image.layers().size() - 1)).containsOnlyKeys("/app/startup.aot");
        assertThat(image.layer(image.layers().size() - 1).get("/app/startup.aot"))
                .isEqualTo(Files.readAllBytes(settings.startupCacheDirectory().resolve("startup.aot")));
    }

    @Test
    void tagsTheImageWithItsContentAndWritesImageJson() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageResult result = new RuntimeImageBuilder(new RecordingLog())
                .build(app.settings(baseTar, work.resolve("out")).build());

        String shortId = result.imageId().substring("sha256:".length(), "sha256:".length() + 12);
        assertThat(result.reference()).isEqualTo("ghillie-runtime:1.0-" + shortId);
        assertThat(result.tags()).containsExactly("1.0-" + shortId, "latest");
        assertThat(ImageArchive.read(result.tarFile().orElseThrow()).repoTags())
                .containsExactly("ghillie-runtime:1.0-" + shortId, "ghillie-runtime:latest");

        JsonNode json =
                new ObjectMapper().readTree(work.resolve("out/image.json").toFile());
        assertThat(json.get("reference").asText()).isEqualTo(result.reference());
        assertThat(json.get("digest").asText()).isEqualTo(result.digest()).startsWith("sha256:");
        assertThat(json.get("imageId").asText()).isEqualTo(result.imageId());
        assertThat(json.get("target").asText()).isEqualTo("tar");
        assertThat(json.get("tar").asText())
                .isEqualTo(work.resolve("out/image.tar").toString());
    }

    @Test
    void twoBuildsOfTheSameInputsGiveOneDigest() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageResult first = new RuntimeImageBuilder(new RecordingLog())
                .build(app.settings(baseTar, work.resolve("one")).build());
        ImageResult second = new RuntimeImageBuilder(new RecordingLog())
                .build(app.settings(baseTar, work.resolve("two")).build());

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(second.reference()).isEqualTo(first.reference());
        assertThat(Files.readAllBytes(second.tarFile().orElseThrow()))
                .isEqualTo(Files.readAllBytes(first.tarFile().orElseThrow()));
    }

    @Test
    void aRebuildWithNothingChangedReusesTheTarInsteadOfWritingItAgain() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageSettings settings = app.settings(baseTar, work.resolve("out")).build();
        ImageResult first = new RuntimeImageBuilder(new RecordingLog()).build(settings);
        java.nio.file.attribute.FileTime written =
                Files.getLastModifiedTime(first.tarFile().orElseThrow());
        RecordingLog log = new RecordingLog();

        ImageResult second = new RuntimeImageBuilder(log).build(settings);

        assertThat(second).isEqualTo(first);
        assertThat(log.steps)
                .singleElement()
                .asString()
                .matches("image: ghillie-runtime:1\\.0-[0-9a-f]{12} \\(sha256:[0-9a-f]{64}\\)"
                        + " unchanged, .*image\\.tar reused, in \\d+ ms");
        assertThat(log.details).noneMatch(line -> line.startsWith("jib: "));
        assertThat(Files.getLastModifiedTime(second.tarFile().orElseThrow())).isEqualTo(written);
    }

    @Test
    void aTamperedTarOrAChangedSettingIsBuiltAgain() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageSettings settings = app.settings(baseTar, work.resolve("out")).build();
        ImageResult first = new RuntimeImageBuilder(new RecordingLog()).build(settings);
        Files.write(first.tarFile().orElseThrow(), new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        RecordingLog afterTamper = new RecordingLog();
        new RuntimeImageBuilder(afterTamper).build(settings);
        RecordingLog afterFlags = new RecordingLog();
        new RuntimeImageBuilder(afterFlags)
                .build(app.settings(baseTar, work.resolve("out"))
                        .jvmFlags(List.of("-Xmx64m"))
                        .build());

        assertThat(afterTamper.steps).singleElement().asString().startsWith("image: built ");
        assertThat(afterFlags.steps).singleElement().asString().startsWith("image: built ");
    }

    @Test
    void onlyATarOnABaseThatCannotMoveIsEverReused() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));

        assertThat(TarReuse.key(app.settings(baseTar, work.resolve("out")).build()))
                .isPresent();
        assertThat(TarReuse.key(app.settings(baseTar, work.resolve("out"))
                        .baseImage("eclipse-temurin:21-jre")
                        .build()))
                .isEmpty();
        assertThat(TarReuse.key(app.settings(baseTar, work.resolve("out"))
                        .baseImage("eclipse-temurin@sha256:" + "a".repeat(64))
                        .build()))
                .isPresent();
        assertThat(TarReuse.key(app.settings(baseTar, work.resolve("out"))
                        .target("registry")
                        .imageName("127.0.0.1:5001/app")
                        .build()))
                .isEmpty();
    }

    @Test
    void aChangedClassChangesTheTagAndOnlyTheClassesLayer() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        RuntimeImageBuilder builder = new RuntimeImageBuilder(new RecordingLog());
        ImageSettings settings = app.settings(baseTar, work.resolve("out")).build();
        ImageResult before = builder.build(settings);
        List<String> layersBefore = layerNames(before);
        app.changeOneClass();
        ImageResult after = builder.build(settings);

        assertThat(after.reference()).isNotEqualTo(before.reference());
        List<String> layersAfter = layerNames(after);
        assertThat(layersAfter.subList(0, 5)).isEqualTo(layersBefore.subList(0, 5));
        assertThat(layersAfter.get(5)).isNotEqualTo(layersBefore.get(5));
    }

    @Test
    void aMissingBaseTarIsNamedWithTheFix() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageSettings settings =
                app.settings(work.resolve("nowhere.tar"), work.resolve("out")).build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining(work.resolve("nowhere.tar").toString())
                .hasMessageContaining("docker-archive tar");
    }

    @Test
    void anUnwritableOutputDirectoryIsNamed() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        Path blocker = Files.writeString(work.resolve("a-file"), "not a directory");
        ImageSettings settings = app.settings(baseTar, blocker.resolve("out")).build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("cannot create the output directory " + blocker.resolve("out"));
    }

    @Test
    void aBaseRegistryThatFailsIsNamedWithOfflineAdvice() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        try (BrokenRegistry broken = BrokenRegistry.answering(503)) {
            String base = broken.host() + "/eclipse-temurin:21-jre";
            ImageSettings settings =
                    app.settings(baseTar, work.resolve("out")).baseImage(base).build();

            assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessageStartingWith("base image " + base + " is not reachable")
                    .hasMessageContaining("tar://");
        }
    }

    @Test
    void aBaseRegistryNobodyListensOnIsReportedAtOnce() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        String base = "127.0.0.1:" + FreePort.find() + "/eclipse-temurin:21-jre";
        ImageSettings settings =
                app.settings(baseTar, work.resolve("out")).baseImage(base).build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("base image " + base + " is not reachable (ConnectException")
                .hasMessageContaining("tar://");
    }

    @Test
    void anOfflineBuildWithoutACachedBaseSaysSo() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        ImageSettings settings = app.settings(baseTar, work.resolve("out"))
                .baseImage("127.0.0.1:9/eclipse-temurin:21-jre")
                .offline(true)
                .build();

        assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith(
                        "base image 127.0.0.1:9/eclipse-temurin:21-jre is not in Jib's cache and the build is offline");
    }

    @Test
    void stepsAreFewLinesWithDurationsAndJibDetailGoesToDetail() throws Exception {
        TestApp app = TestApp.create(work.resolve("app"));
        RecordingLog log = new RecordingLog();
        new RuntimeImageBuilder(log)
                .build(app.settings(baseTar, work.resolve("out")).build());

        assertThat(log.steps).hasSize(1);
        assertThat(log.steps.get(0))
                .matches(
                        "image: built ghillie-runtime:1\\.0-[0-9a-f]{12} \\(sha256:[0-9a-f]{64}\\) for linux/[a-z0-9]+ on tar://.* in \\d+ ms");
        assertThat(log.details).anyMatch(line -> line.startsWith("jib: ") && line.endsWith(" ms)"));
        assertThat(log.warnings).isEmpty();
    }

    private static List<String> layerNames(ImageResult result) throws Exception {
        List<String> names = new ArrayList<>();
        ImageArchive.read(result.tarFile().orElseThrow())
                .manifest()
                .get("Layers")
                .forEach(n -> names.add(n.asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
