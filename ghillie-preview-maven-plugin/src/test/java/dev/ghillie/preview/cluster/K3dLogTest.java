package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.cluster.K3dLog.Entry;
import dev.ghillie.preview.cluster.K3dLog.Level;
import org.junit.jupiter.api.Test;

/** Line shapes from logrus's TextFormatter as k3d v5 sets it up (shared/reference/k3d-log-format.md). */
class K3dLogTest {

    @Test
    void readsLogfmtLinesWithGoQuotedMessages() {
        String stderr = """
                time="2026-11-30T15:04:17Z" level=error msg="Failed Cluster Start: Failed to start server k3d-pr-42-server-0: \\"bad\\"\\ttab\\nsecond line"
                time="2026-11-30T16:04:18+01:00" level=fatal msg="Cluster creation FAILED, all changes have been rolled back!"
                """;

        assertThat(K3dLog.parse(stderr))
                .containsExactly(
                        new Entry(
                                Level.ERROR,
                                "Failed Cluster Start: Failed to start server k3d-pr-42-server-0: \"bad\"\ttab\nsecond line"),
                        new Entry(Level.FATAL, "Cluster creation FAILED, all changes have been rolled back!"));
    }

    @Test
    void readsEveryLevelNameAndBareOrMissingMessages() {
        String log = """
                time="2026-11-30T15:04:05Z" level=warning msg=careful
                time="2026-11-30T15:04:05Z" level=info msg="No clusters found"
                time="2026-11-30T15:04:05Z" level=debug
                time="2026-11-30T15:04:05Z" level=trace msg=a-b.c/d@e^f+g
                time="2026-11-30T15:04:05Z" level=panic msg="x" extra="field y"
                """;

        assertThat(K3dLog.parse(log))
                .containsExactly(
                        new Entry(Level.WARNING, "careful"),
                        new Entry(Level.INFO, "No clusters found"),
                        new Entry(Level.DEBUG, ""),
                        new Entry(Level.TRACE, "a-b.c/d@e^f+g"),
                        new Entry(Level.PANIC, "x"));
    }

    @Test
    void undoesGoEscapesOfBytesAndCodePoints() {
        assertThat(K3dLog.unquote("caf\\u00e9 \\xe2\\x9c\\x93 \\U0001F600 \\\\ \\a"))
                .isEqualTo("café ✓ 😀 \\ \u0007");
    }

    @Test
    void readsColouredLinesWithPaddingAndRawContinuationLines() {
        String stderr = "\u001B[31mERRO\u001B[0m[0012] Failed Cluster Start: docker said:\nline two of the error \n"
                + "\u001B[31mFATA\u001B[0m[0013] Cluster creation FAILED, all changes have been rolled back! \n"
                + "\u001B[36mINFO\u001B[0m[2026-11-30T15:04:05Z] No clusters found                            \n";

        assertThat(K3dLog.parse(stderr))
                .containsExactly(
                        new Entry(Level.ERROR, "Failed Cluster Start: docker said:\nline two of the error"),
                        new Entry(Level.FATAL, "Cluster creation FAILED, all changes have been rolled back!"),
                        new Entry(Level.INFO, "No clusters found"));
        assertThat(K3dLog.parse(stderr).getFirst().oneLine())
                .isEqualTo("Failed Cluster Start: docker said: line two of the error");
    }

    @Test
    void linesOutsideLogrusArePlain() {
        String stdout = """
                time="2026-11-30T15:04:05Z" level=info msg="You can now use it like this:"
                kubectl config use-context k3d-demo
                time="oops level=info
                """;

        assertThat(K3dLog.parse(stdout))
                .containsExactly(
                        new Entry(Level.INFO, "You can now use it like this:"),
                        new Entry(Level.PLAIN, "kubectl config use-context k3d-demo"),
                        new Entry(Level.PLAIN, "time=\"oops level=info"));
    }
}
