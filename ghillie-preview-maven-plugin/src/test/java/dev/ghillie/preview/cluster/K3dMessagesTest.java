package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.SecretMasker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class K3dMessagesTest {

    private static ProcessResult failed(String stdout, String stderr) {
        return new ProcessResult(
                List.of("k3d", "cluster", "create", "demo", "--wait"), 1, stdout, stderr, Duration.ZERO);
    }

    /** What k3d v5 prints with LOG_COLORS=false, as the plugin runs it: logfmt, not FATA[0000]. */
    @Test
    void readsK3dsLogfmtFatalAndItsFirstErrorAsTheCause() {
        String stderr = """
                time="2026-11-30T15:04:17Z" level=error msg="Failed Cluster Start: Failed to start server k3d-demo-serverlb: Error response from daemon: driver failed programming external connectivity on endpoint k3d-demo-serverlb: Bind for 127.0.0.1:8080 failed: port is already allocated"
                time="2026-11-30T15:04:17Z" level=error msg="Failed to create cluster >>> Rolling Back"
                time="2026-11-30T15:04:18Z" level=fatal msg="Cluster creation FAILED, all changes have been rolled back!"
                """;
        String stdout = "time=\"2026-11-30T15:04:17Z\" level=info msg=\"Deleting cluster 'demo'\"";

        assertThat(K3dMessages.failure(failed(stdout, stderr), SecretMasker.none()))
                .isEqualTo(
                        "`k3d cluster create demo` failed (exit 1): Cluster creation FAILED, all changes have been rolled"
                                + " back! (Failed Cluster Start: Failed to start server k3d-demo-serverlb: Error response from daemon:"
                                + " driver failed programming external connectivity on endpoint k3d-demo-serverlb: Bind for"
                                + " 127.0.0.1:8080 failed: port is already allocated): a host port is taken: set "
                                + ClusterSpec.PORT_SETTING + " to a free port, or 0 to pick one");
    }

    @Test
    void unquotesTheMessage() {
        String stderr =
                "time=\"2026-11-30T15:04:05Z\" level=fatal msg=\"invalid argument \\\"two\\\" for \\\"--agents\\\" flag:"
                        + " strconv.ParseInt: parsing \\\"two\\\": invalid syntax\"";

        assertThat(K3dMessages.failure(failed("", stderr), SecretMasker.none()))
                .startsWith(
                        "`k3d cluster create demo` failed (exit 1): invalid argument \"two\" for \"--agents\" flag:");
    }

    @Test
    void aMultiLineErrorBecomesOneLine() {
        String stderr =
                "time=\"2026-11-30T15:04:05Z\" level=error msg=\"Failed Cluster Preparation: docker said:\\nno space left\"\n"
                        + "time=\"2026-11-30T15:04:05Z\" level=fatal msg=\"Cluster creation FAILED, all changes have been rolled back!\"";

        assertThat(K3dMessages.failure(failed("", stderr), SecretMasker.none()))
                .contains("(Failed Cluster Preparation: docker said: no space left)")
                .doesNotContain("\n");
    }

    @Test
    void stripsColoursAndLevelPrefixes() {
        String stderr = "\u001B[31mFATA\u001B[0m[0000] unknown flag: --bogus                        ";

        assertThat(K3dMessages.failure(failed("", stderr), SecretMasker.none()))
                .isEqualTo(
                        "`k3d cluster create demo` failed (exit 1): unknown flag: --bogus: run with -X for k3d's full output");
    }

    @Test
    void fallsBackToTheLastLineWhenK3dLoggedNoLevel() {
        assertThat(K3dMessages.failure(
                        failed("time=\"2026-11-30T15:04:05Z\" level=info msg=\"Prep: Network\"\nsomething odd", ""),
                        SecretMasker.none()))
                .contains("failed (exit 1): something odd:");
        assertThat(K3dMessages.failure(failed("", ""), SecretMasker.none())).contains("failed (exit 1): no output:");
    }

    @Test
    void masksSecretsInTheMessage() {
        String stderr = "time=\"2026-11-30T15:04:05Z\" level=fatal msg=\"cannot use registry"
                + " https://bob:hunter2@registry.example with token tok-123\"";

        assertThat(K3dMessages.failure(failed("", stderr), new SecretMasker(Set.of("tok-123"))))
                .contains("https://bob:****@registry.example with token ****")
                .doesNotContain("hunter2", "tok-123");
    }
}
