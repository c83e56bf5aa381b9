package dev.ghillie.preview.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HelmArgsParserTest {

    private static final Path PROJECT = Path.of("/work/project");

    private static ChartOverrides parse(String text) {
        return HelmArgsParser.parse(text, PROJECT);
    }

    @Test
    void readsEverySpellingOfValuesFilesInOrder() {
        assertThat(parse("--values a.yaml --values=b.yaml -f c.yaml -f=d.yaml").valuesFiles())
                .containsExactly(
                        PROJECT.resolve("a.yaml"),
                        PROJECT.resolve("b.yaml"),
                        PROJECT.resolve("c.yaml"),
                        PROJECT.resolve("d.yaml"));
    }

    @Test
    void relativeFilesResolveAgainstTheProjectAndAbsoluteOnesStay() {
        assertThat(parse("-f ci/values.yaml -f ../shared/x.yaml -f /etc/ghillie/values.yaml")
                        .valuesFiles())
                .containsExactly(
                        Path.of("/work/project/ci/values.yaml"),
                        Path.of("/work/shared/x.yaml"),
                        Path.of("/etc/ghillie/values.yaml"));
    }

    @Test
    void aCommaSeparatesFilesAsInHelmsStringSliceFlag() {
        assertThat(parse("--values a.yaml,b.yaml").valuesFiles())
                .containsExactly(PROJECT.resolve("a.yaml"), PROJECT.resolve("b.yaml"));
    }

    @Test
    void readsSetValuesInOrderLaterKeysWinning() {
        ChartOverrides overrides =
                parse("--set replicaCount=2,env.normal.MODE=demo --set=image.pullPolicy=Never --set replicaCount=3");

        assertThat(overrides.setValues())
                .containsExactly(
                        Map.entry("replicaCount", "3"),
                        Map.entry("env.normal.MODE", "demo"),
                        Map.entry("image.pullPolicy", "Never"));
        assertThat(overrides.valuesFiles()).isEmpty();
    }

    @Test
    void aValueMayContainEqualsSigns() {
        assertThat(parse("--set env.normal.OPTS=-Da=b").setValues())
                .containsExactly(Map.entry("env.normal.OPTS", "-Da=b"));
    }

    @Test
    void quotesWorkAsInAShellWithoutExpansion() {
        ChartOverrides overrides =
                parse("--set 'env.normal.GREETING=hello world' --set \"env.normal.QUOTE=say \\\"hi\\\"\""
                        + " --set env.normal.HOME=$HOME -f my\\ values.yaml -f \"\"'other values.yaml'");

        assertThat(overrides.setValues())
                .containsExactly(
                        Map.entry("env.normal.GREETING", "hello world"),
                        Map.entry("env.normal.QUOTE", "say \"hi\""),
                        Map.entry("env.normal.HOME", "$HOME"));
        assertThat(overrides.valuesFiles())
                .containsExactly(PROJECT.resolve("my values.yaml"), PROJECT.resolve("other values.yaml"));
    }

    @Test
    void singleQuotesKeepBackslashesAndWhitespaceBetweenWordsIsAnyWhitespace() {
        assertThat(parse("\t--set\n'path=C:\\values'  ").setValues()).containsExactly(Map.entry("path", "C:\\values"));
    }

    @Test
    void nothingButWhitespaceIsNothing() {
        assertThat(parse("   ")).isEqualTo(ChartOverrides.NONE);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "--wait                    | HELM_ARGS: '--wait' is not supported: use --values FILE or --set key=value",
                "--timeout=5m              | HELM_ARGS: '--timeout=5m' is not supported: use --values FILE or --set key=value",
                "--set-string a=b          | HELM_ARGS: '--set-string' is not supported: use --values FILE or --set key=value",
                "-f a.yaml b.yaml          | HELM_ARGS: 'b.yaml' is not supported: use --values FILE or --set key=value",
                "ci.yaml                   | HELM_ARGS: 'ci.yaml' is not supported: use --values FILE or --set key=value",
                "-fci.yaml                 | HELM_ARGS: '-fci.yaml' is not supported: use --values FILE or --set key=value",
                "--values                  | HELM_ARGS: '--values' needs a file: use --values FILE or --set key=value",
                "-f --set a=b              | HELM_ARGS: '-f' needs a file: use --values FILE or --set key=value",
                "--values=                 | HELM_ARGS: '--values=' needs a file: use --values FILE or --set key=value",
                "--values a.yaml,          | HELM_ARGS: '--values a.yaml,' names an empty file: use --values FILE or --set key=value",
                "--set                     | HELM_ARGS: '--set' needs key=value: use --values FILE or --set key=value",
                "--set=                    | HELM_ARGS: '--set=' needs key=value: use --values FILE or --set key=value",
                "--set replicaCount        | HELM_ARGS --set: 'replicaCount' is not key=value: use e.g. replicaCount=2,env.normal.MODE=demo",
                "--set a=1,=2              | HELM_ARGS --set: '=2' is not key=value: use e.g. replicaCount=2,env.normal.MODE=demo",
                "--set 'a=unclosed         | HELM_ARGS: a ' quote is not closed: close it, e.g. --set 'key=a b'",
                "--set \"a=unclosed        | HELM_ARGS: a \" quote is not closed: close it, e.g. --set 'key=a b'",
            })
    void anythingElseIsOneLineSayingWhatIsAccepted(String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(SettingsException.class)
                .hasMessage(message)
                .hasNoCause();
    }
}
