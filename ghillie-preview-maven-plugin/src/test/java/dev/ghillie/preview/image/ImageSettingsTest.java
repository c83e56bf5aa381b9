package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How the goal's raw parameter values become settings, and how wrong values are reported. */
class ImageSettingsTest {

    private static ImageSettings.Builder minimal() {
        return ImageSettings.builder()
                .imageName("ghillie-runtime")
                .mainClass("dev.ghillie.runtime.Main")
                .classesDirectory(Path.of("target/classes"))
                .outputDirectory(Path.of("target/ghillie-preview"));
    }

    @Test
    void defaultsAreATemurinBaseATarTargetContainerAwareFlagsAndANonRootUser() {
        ImageSettings settings = minimal().build();

        assertThat(settings.baseImage()).isEqualTo(new BaseImage("eclipse-temurin:25-jre", Optional.empty()));
        assertThat(settings.target()).isEqualTo(ImageTarget.TAR);
        assertThat(settings.jvmFlags()).containsExactly("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(settings.user()).isEqualTo("65532:65532");
        assertThat(settings.tag()).isEqualTo("latest");
        assertThat(settings.creationTime()).isEqualTo(Instant.EPOCH);
        assertThat(settings.tarFile()).isEqualTo(Path.of("target/ghillie-preview/image.tar"));
        assertThat(settings.resultFile()).isEqualTo(Path.of("target/ghillie-preview/image.json"));
    }

    @Test
    void aTarBaseIsReadAsAFile() {
        ImageSettings settings =
                minimal().baseImage("tar:///srv/images/base.tar").build();

        assertThat(settings.baseImage().tarFile()).contains(Path.of("/srv/images/base.tar"));
    }

    @Test
    void givenJvmFlagsReplaceTheDefaults() {
        assertThat(minimal()
                        .jvmFlags(List.of(" -Xmx256m ", "", "-XX:+UseSerialGC"))
                        .build()
                        .jvmFlags())
                .containsExactly("-Xmx256m", "-XX:+UseSerialGC");
    }

    @ParameterizedTest
    @CsvSource({
        "2026-01-01T00:00:00Z, 2026-01-01T00:00:00Z",
        "2026-01-01T02:00:00+02:00, 2026-01-01T00:00:00Z",
        "1767225600, 2026-01-01T00:00:00Z",
        "EPOCH, 1970-01-01T00:00:00Z",
        "now, 2030-05-05T05:05:05Z",
        "USE_CURRENT_TIMESTAMP, 2030-05-05T05:05:05Z",
        "'${project.build.outputTimestamp}', 1970-01-01T00:00:00Z"
    })
    void creationTimeIsFixedUnlessNowIsAskedFor(String given, String expected) {
        Clock clock = Clock.fixed(Instant.parse("2030-05-05T05:05:05Z"), ZoneOffset.UTC);

        assertThat(minimal().clock(clock).creationTime(given).build().creationTime())
                .isEqualTo(Instant.parse(expected));
    }

    @Test
    void labelsCarryTitleVersionAndRevisionAndSourceOnlyWhenKnown() {
        assertThat(minimal()
                        .version("1.2.3")
                        .revision("${git.commit.id}")
                        .source("")
                        .build()
                        .labels())
                .containsExactly(
                        Map.entry("org.opencontainers.image.title", "ghillie-runtime"),
                        Map.entry("org.opencontainers.image.version", "1.2.3"));
        assertThat(minimal()
                        .revision("abc123")
                        .source("https://example.com/repo")
                        .build()
                        .labels())
                .containsEntry("org.opencontainers.image.revision", "abc123")
                .containsEntry("org.opencontainers.image.source", "https://example.com/repo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0:0", "root", "nobody", "65532:nogroup"})
    void aRootOrNonNumericUserIsRefused(String user) {
        assertThatThrownBy(() -> minimal().user(user).build())
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("ghillie.preview.user='" + user + "'");
    }

    @Test
    void anUnknownTargetListsTheKnownOnes() {
        assertThatThrownBy(() -> minimal().target("kind").build())
                .hasMessage("ghillie.preview.imageTarget='kind' is not a target: use one of tar, registry, docker");
    }

    @Test
    void targetsAreCaseInsensitive() {
        assertThat(minimal().target("Registry").build().target()).isEqualTo(ImageTarget.REGISTRY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ghillie-runtime:1.0",
                "localhost:5001/ghillie-runtime:latest",
                "ghillie-runtime@sha256:0123456789012345678901234567890123456789012345678901234567890123"
            })
    void anImageNameWithATagOrDigestIsRefused(String name) {
        assertThatThrownBy(() -> minimal().imageName(name).build())
                .hasMessageStartingWith("ghillie.preview.imageName='" + name + "' includes a tag or digest");
    }

    @Test
    void anInvalidImageNameOrTagIsRefused() {
        assertThatThrownBy(() -> minimal().imageName("Has Spaces").build())
                .hasMessageContaining("is not an image name");
        assertThat(minimal()
                        .imageName("localhost:5001/team/ghillie-runtime")
                        .build()
                        .imageName())
                .isEqualTo("localhost:5001/team/ghillie-runtime");
        assertThatThrownBy(() -> minimal().tag("-bad").build())
                .hasMessageStartingWith("ghillie.preview.imageTag='-bad' is not a tag");
    }

    @Test
    void aMissingMainClassOrBadTimeIsNamed() {
        assertThatThrownBy(() -> minimal().mainClass(null).build())
                .hasMessageStartingWith("ghillie.preview.mainClass is not set");
        assertThatThrownBy(() -> minimal().creationTime("yesterday").build())
                .hasMessageStartingWith("ghillie.preview.creationTime='yesterday' is not a time");
        assertThatThrownBy(() -> minimal().baseImage("tar://").build()).hasMessageContaining("names no file");
    }

    @ParameterizedTest
    @CsvSource({"x86_64, linux/amd64", "amd64, linux/amd64", "aarch64, linux/arm64", "arm64, linux/arm64"})
    void withoutThePlatformsSettingTheImageIsForThisMachine(String osArch, String platform) {
        TargetPlatforms platforms =
                minimal().machineArchitecture(osArch).build().platforms();

        assertThat(platforms.toString()).isEqualTo(platform);
        assertThat(platforms.source()).isEqualTo(TargetPlatforms.Source.THIS_MACHINE);
    }

    @Test
    void thePlatformsSettingNamesOneOrSeveral() {
        assertThat(minimal().platforms("linux/arm64").build().platforms().platforms())
                .containsExactly(ImagePlatform.linux("arm64"));
        TargetPlatforms both =
                minimal().platforms(" linux/amd64, linux/arm64 ").build().platforms();
        assertThat(both.platforms()).containsExactly(ImagePlatform.linux("amd64"), ImagePlatform.linux("arm64"));
        assertThat(both.describe()).isEqualTo("linux/amd64,linux/arm64 (ghillie.preview.platforms)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arm64",
                "linux/x86_64",
                "darwin/arm64",
                "linux/arm/v7",
                "linux/arm64,",
                "linux/amd64;linux/arm64",
                "Linux/ARM64"
            })
    void aWrongPlatformIsOneLineSayingWhatTheSettingTakes(String value) {
        assertThatThrownBy(() -> minimal().platforms(value).build())
                .isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("ghillie.preview.platforms='" + value + "': '")
                .hasMessageEndingWith(
                        "' is not a platform; use linux/ARCH, comma-separated, e.g. linux/arm64 or linux/amd64,linux/arm64"
                                + " (ARCH: amd64, arm64, ppc64le, riscv64, s390x)")
                .hasNoCause();
    }

    @Test
    void aPlatformNamedTwiceIsRefused() {
        assertThatThrownBy(() -> minimal().platforms("linux/arm64,linux/arm64").build())
                .hasMessage(
                        "ghillie.preview.platforms='linux/arm64,linux/arm64' names linux/arm64 twice: name each platform once");
    }

    @Test
    void theNodesArchitecturesAreEachTakenOnceInAStableOrder() {
        TargetPlatforms nodes = TargetPlatforms.ofNodes(List.of("arm64", "amd64", "arm64"));

        assertThat(nodes.toString()).isEqualTo("linux/amd64,linux/arm64");
        assertThat(nodes.describe()).isEqualTo("linux/amd64,linux/arm64 (the cluster's nodes)");
    }
}
