package dev.ghillie.preview.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ghillie.preview.gitops.rendered: what {@code tofu output -json rendered_manifests} prints (the bare map),
 * or {@code tofu output -json} (every output of the root module, each wrapped as sensitive/type/value).
 */
class RenderedManifestsTest {

    static final String ZONE = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dns-zone\n";
    static final String VALKEY = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: valkey\n";
    static final String TYPE = "[\"map\",\"string\"]";

    @TempDir
    Path work;

    @Test
    void theBareMapIsReadWithItsKeysSorted() {
        Map<String, String> map = RenderedManifests.parse("rendered.json", """
                {"platform/redis/valkey.yaml": %s, "modules/dns/zone.yaml": %s}
                """.formatted(quoted(VALKEY), quoted(ZONE)));

        assertThat(map)
                .containsExactly(
                        Map.entry("modules/dns/zone.yaml", ZONE), Map.entry("platform/redis/valkey.yaml", VALKEY));
    }

    @Test
    void tofusWrappedFormIsUnwrapped() {
        Map<String, String> map = RenderedManifests.parse("rendered.json", """
                {"rendered_manifests": {"sensitive": false, "type": %s, "value": {"modules/dns/zone.yaml": %s}}}
                """.formatted(TYPE, quoted(ZONE)));

        assertThat(map).containsExactly(Map.entry("modules/dns/zone.yaml", ZONE));
    }

    /** `tofu output -json` prints every output of the root module: the others are not the map. */
    @Test
    void tofusWrappedFormIsUnwrappedBesideOtherOutputs() {
        Map<String, String> map = RenderedManifests.parse("rendered.json", """
                {"cluster_endpoint": {"sensitive": false, "type": "string", "value": "https://k8s.example.test"},
                 "rendered_manifests": {"sensitive": false, "type": %s, "value": {"modules/dns/zone.yaml": %s}}}
                """.formatted(TYPE, quoted(ZONE)));

        assertThat(map).containsExactly(Map.entry("modules/dns/zone.yaml", ZONE));
    }

    @Test
    void anEmptyMapIsNoModules() {
        assertThat(RenderedManifests.parse("rendered.json", "{}")).isEmpty();
    }

    @Test
    void aValueThatIsNotAStringNamesItsKey() {
        assertOneLine(
                "{\"modules/dns/zone.yaml\": {\"apiVersion\": \"v1\"}}",
                "the value of 'modules/dns/zone.yaml' is not a string holding YAML");
        assertOneLine(
                "{\"modules/dns/zone.yaml\": 3}", "the value of 'modules/dns/zone.yaml' is not a string holding YAML");
        assertOneLine(
                "{\"rendered_manifests\": {\"sensitive\": false, \"type\": " + TYPE
                        + ", \"value\": {\"modules/a.yaml\": null}}}",
                "the value of 'modules/a.yaml' is not a string holding YAML");
    }

    @Test
    void jsonThatIsNotAnObjectIsRefused() {
        for (String json : List.of("[]", "\"modules/dns/zone.yaml\"", "null", "42", "")) {
            assertOneLine(json, "rendered.json is not a JSON object mapping tree paths to YAML documents");
        }
    }

    @Test
    void badJsonNamesTheLine() {
        assertOneLine("{\n\"modules/dns/zone.yaml\": \"a\",\n oops\n}", "rendered.json is not JSON (line 3)");
    }

    @Test
    void aMissingFileNamesTheSetting() {
        Path missing = work.resolve("rendered.json");

        assertThatThrownBy(() -> RenderedManifests.read(missing))
                .isInstanceOf(GitOpsException.class)
                .hasMessage("ghillie.preview.gitops.rendered=" + missing + " does not exist: point it at the file"
                        + " `tofu output -json rendered_manifests` wrote");
    }

    @Test
    void aFileIsReadLikeItsText() throws IOException {
        Path file =
                Files.writeString(work.resolve("rendered.json"), "{\"modules/dns/zone.yaml\": " + quoted(ZONE) + "}");

        assertThat(RenderedManifests.read(file)).containsExactly(Map.entry("modules/dns/zone.yaml", ZONE));
    }

    private static void assertOneLine(String json, String what) {
        assertThatThrownBy(() -> RenderedManifests.parse("rendered.json", json))
                .as(json)
                .isInstanceOf(GitOpsException.class)
                .hasMessageStartingWith("ghillie.preview.gitops.rendered")
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
