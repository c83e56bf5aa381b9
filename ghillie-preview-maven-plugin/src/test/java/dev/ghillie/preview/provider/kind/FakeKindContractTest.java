package dev.ghillie.preview.provider.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.cluster.FakeK3d;
import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake kind must answer as kind does (shared/reference/kind.md), or the provider's tests prove nothing. (ProcessRunner
 * drops the last line break of each stream.)
 */
class FakeKindContractTest {

    @TempDir
    Path tmp;

    private ProcessResult kind(ProcessRunner runner, String... args) {
        return runner.run(Duration.ofSeconds(30), "kind", args);
    }

    @Test
    void answersAsKindDoes() throws Exception {
        ProcessRunner runner = FakeK3d.withKindAndDocker(tmp.resolve("fake")).runner();

        ProcessResult none = kind(runner, "get", "clusters");
        assertThat(none.exitCode()).isZero();
        assertThat(none.stdout()).isEmpty();
        assertThat(none.stderr()).isEqualTo("No kind clusters found.");

        assertThat(kind(runner, "version").stdout()).matches("kind v\\d+\\.\\d+\\.\\d+ go\\S+ linux/amd64");

        Path config = Files.writeString(tmp.resolve("kind.yaml"), new KindConfig(0, 8080).yaml());
        ProcessResult created = kind(
                runner,
                "create",
                "cluster",
                "--name",
                "pr-42",
                "--config",
                config.toString(),
                "--kubeconfig",
                tmp.resolve("kc").toString());
        assertThat(created.exitCode()).isZero();
        assertThat(created.stdout()).isEmpty();
        assertThat(created.stderr())
                .startsWith("Creating cluster \"pr-42\" ...")
                .contains("Set kubectl context to \"kind-pr-42\"");

        ProcessResult again = kind(runner, "create", "cluster", "--name", "pr-42");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr())
                .isEqualTo(
                        "ERROR: failed to create cluster: node(s) already exist for a cluster with the name \"pr-42\"");

        ProcessResult absentKubeconfig = kind(runner, "get", "kubeconfig", "--name", "other");
        assertThat(absentKubeconfig.exitCode()).isEqualTo(1);
        assertThat(absentKubeconfig.stderr())
                .isEqualTo("ERROR: could not locate any control plane nodes for cluster named 'other'. Use the"
                        + " --name option to select a different cluster");
        assertThat(KindCli.errorOf(absentKubeconfig)).startsWith("could not locate any control plane nodes");

        ProcessResult deleteAbsent = kind(runner, "delete", "cluster", "--name", "other");
        assertThat(deleteAbsent.exitCode()).isZero();
        assertThat(deleteAbsent.stderr()).isEqualTo("Deleting cluster \"other\" ...");

        assertThat(kind(
                                runner,
                                "load",
                                "image-archive",
                                tmp.resolve("missing.tar").toString(),
                                "--name",
                                "pr-42")
                        .stderr())
                .isEqualTo("ERROR: stat " + tmp.resolve("missing.tar") + ": no such file or directory");
        Path tar = Files.writeString(tmp.resolve("image.tar"), "x");
        assertThat(kind(runner, "load", "image-archive", tar.toString(), "--name", "other")
                        .stderr())
                .isEqualTo("ERROR: no nodes found for cluster \"other\"");
    }
}
