package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.SecretMasker;

class K3dMessagesTest {

    private static ProcessResult failed(String stdout, String stderr) {
        return new ProcessResult(List.of("k3d", "cluster", "create", "demo", "--wait"), 1, stdout, stderr, Duration.ZERO);
    }

    @Test
    void stripsColoursAndLevelPrefixes() {
        String stderr = "\u001B[31mFATA\u001B[0m[0000] unknown flag: --bogus";

        assertThat(K3dMessages.failure(failed("", stderr), SecretMasker.none()))
                .isEqualTo("`k3d cluster create demo` failed (exit 1): unknown flag: --bogus: run with -X for k3d's full output");
    }

    @Test
    void fallsBackToTheLastLineWhenK3dLoggedNoLevel() {
        assertThat(K3dMessages.failure(failed("INFO[0000] Prep: Network\nsomething odd", ""), SecretMasker.none()))
                .contains("failed (exit 1): something odd:");
        assertThat(K3dMessages.failure(failed("", ""), SecretMasker.none())).contains("failed (exit 1): no output:");
    }

    @Test
    void masksSecretsInTheMessage() {
        String stderr = "FATA[0000] cannot use registry https://bob:hunter2@registry.example with token tok-123";

        assertThat(K3dMessages.failure(failed("", stderr), new SecretMasker(Set.of("tok-123"))))
                .contains("https://bob:****@registry.example with token ****")
                .doesNotContain("hunter2", "tok-123");
    }
}
