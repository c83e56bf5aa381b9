package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.process.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fake k3d must answer like k3d v5 (shared/reference/external-contracts.md), or the other tests
 * prove nothing. These pin the parts the plugin does not exercise on its own.
 */
class FakeK3dContractTest {

    @TempDir
    Path tmp;

    private FakeK3d fake;

    @BeforeEach
    void installFake() {
        fake = FakeK3d.withK3dAndDocker(tmp).set("LOG_COLORS", "false");
    }

    private ProcessResult k3d(String... args) {
        return fake.runner().run(Duration.ofSeconds(30), "k3d", args);
    }

    @Test
    void listIsOneLineOfJsonAndAnEmptyArrayWhenThereAreNoClusters() {
        ProcessResult result = k3d("cluster", "list", "-o", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("[]");
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void unknownClusterIsAFatalOnStderrWithNothingOnStdout() {
        ProcessResult result = k3d("cluster", "list", "nope", "-o", "json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(timeless(result.stderr()))
                .isEqualTo("time=\"T\" level=fatal msg=\"No nodes found for given cluster\"");
    }

    @Test
    void infoGoesToStdoutAndTheDeleteOfNothingSucceeds() {
        ProcessResult result = k3d("cluster", "delete", "nope");

        assertThat(result.exitCode()).isZero();
        assertThat(timeless(result.stdout()))
                .isEqualTo("time=\"T\" level=info msg=\"No nodes found for cluster 'nope',"
                        + " nothing to delete.\"\ntime=\"T\" level=info msg=\"No clusters found\"");
        assertThat(result.stderr()).isEmpty();
    }

    /** k3d's ClusterGet only logs the runtime's error and reports "no nodes": the delete still exits 0. */
    @Test
    void aDeleteWithDockerDownLogsAnErrorAndStillExitsZero() {
        ProcessResult result = fake.set("FAKE_DOCKER_DAEMON", "down")
                .runner()
                .run(Duration.ofSeconds(30), "k3d", "cluster", "delete", "pr-42");

        assertThat(result.exitCode()).isZero();
        assertThat(timeless(result.stderr()))
                .isEqualTo(
                        "time=\"T\" level=error msg=\"Failed to get nodes for cluster"
                                + " 'pr-42': docker failed to get containers with labels 'map[k3d.cluster:pr-42]': failed to list containers:"
                                + " Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\"");
        assertThat(timeless(result.stdout())).endsWith("time=\"T\" level=info msg=\"No clusters found\"");
    }

    /** logrus writes a value bare only when it is all [A-Za-z0-9-._/@^+], else Go-quoted; time is RFC 3339. */
    @Test
    void logfmtQuotesLikeGoAndStampsRfc3339() {
        String stderr = k3d("cluster", "create", "demo", "--agents", "two").stderr();

        assertThat(stderr)
                .matches("time=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)\" level=fatal msg=.*");
        assertThat(timeless(stderr))
                .isEqualTo("time=\"T\" level=fatal msg=\"invalid argument \\\"two\\\" for"
                        + " \\\"--agents\\\" flag: strconv.ParseInt: parsing \\\"two\\\": invalid syntax\"");
    }

    @Test
    void rejectsWhatK3dRejects() {
        assertThat(timeless(k3d("cluster", "create", "demo", "--bogus").stderr()))
                .isEqualTo("time=\"T\" level=fatal msg=\"unknown flag: --bogus\"");
        assertThat(K3dMessages.lastMessage(k3d("cluster", "create", "demo", "--agents", "two")))
                .contains("invalid argument \"two\" for \"--agents\" flag");
        assertThat(K3dMessages.lastMessage(k3d("cluster", "create", "demo", "--timeout", "2 minutes")))
                .contains("time: invalid duration \"2 minutes\"");
        assertThat(K3dMessages.lastMessage(k3d("cluster", "create", "demo", "-p", "8080:80@loadbalancer@server:0")))
                .contains("only one unescaped '@' allowed");
        assertThat(K3dMessages.lastMessage(k3d("cluster", "create", "demo", "-p", "8080:80@nodes")))
                .contains("Failed to parse node filters");
        // Fatalln("Failed Cluster Configuration Validation: ", err): Sprintln's separator gives two spaces.
        assertThat(timeless(k3d("cluster", "create", "Demo_1").stderr()))
                .isEqualTo(
                        "time=\"T\" level=fatal msg=\"Failed Cluster Configuration Validation:  provided cluster name"
                                + " 'Demo_1' does not match requirements: Invalid cluster name. name Demo_1 is not a valid hostname as"
                                + " per RFC 1123\"");
        assertThat(K3dMessages.lastMessage(k3d("cluster", "create", "a-name-longer-than-thirty-two-chars")))
                .contains("does not match requirements: Cluster name must be <= 32 characters, but has 35");
        assertThat(timeless(k3d("image", "import", "x.tar", "-c", "demo", "-m", "tools")
                        .stderr()))
                .isEqualTo("time=\"T\" level=fatal msg=\"Unknown image loading mode 'tools'\"");
        assertThat(fake.k3d().list()).isEmpty();
    }

    /** logrus's printColored: the message padded to 44 columns and one space, whatever the output is. */
    @Test
    void colouredUnlessLogColorsParsesAsFalse() {
        FakeK3d coloured = FakeK3d.withK3dAndDocker(tmp.resolve("coloured")).set("LOG_COLORS", "no");

        assertThat(elapsedZeroed(coloured.runner()
                        .run(Duration.ofSeconds(30), "k3d", "cluster", "delete", "x")
                        .stdout()))
                .isEqualTo("\u001B[36mINFO\u001B[0m[0000] No nodes found for cluster 'x', nothing to delete. \n"
                        + "\u001B[36mINFO\u001B[0m[0000] No clusters found                            ");
        assertThat(FakeK3d.withK3dAndDocker(tmp.resolve("zero"))
                        .set("LOG_COLORS", "0")
                        .runner()
                        .run(Duration.ofSeconds(30), "k3d", "cluster", "delete", "x")
                        .stdout())
                .startsWith("time=\"");
    }

    @Test
    void createPrintsTheKubectlHintAndKubeconfigWritePrintsOnlyThePath() {
        ProcessResult create = k3d("cluster", "create", "demo", "--kubeconfig-update-default=false");
        ProcessResult write = k3d("kubeconfig", "write", "demo");

        assertThat(create.stdout()).endsWith("kubectl config use-context k3d-demo\nkubectl cluster-info");
        assertThat(write.stdout())
                .isEqualTo(fake.xdgConfig().resolve("kubeconfig-demo.yaml").toString());
        assertThat(Files.exists(Path.of(write.stdout()))).isTrue();
    }

    @Test
    void dockerInfoAnswersOrFailsLikeAStoppedDaemon() {
        assertThat(fake.runner().run(Duration.ofSeconds(30), "docker", "info").exitCode())
                .isZero();
        ProcessResult down =
                fake.set("FAKE_DOCKER_DAEMON", "down").runner().run(Duration.ofSeconds(30), "docker", "info");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stderr()).contains("Cannot connect to the Docker daemon");
    }

    /** k3d prints the seconds since it started in its log prefix ({@code INFO[0000]}); a slow machine reaches 1. */
    private static String elapsedZeroed(String log) {
        return log.replaceAll("(INFO|WARN|ERRO|FATA)(\u001B\\[0m)?\\[\\d{4}]", "$1$2[0000]");
    }

    /** The logfmt time changes every second. */
    private static String timeless(String log) {
        return log.replaceAll("time=\"[^\"]*\"", "time=\"T\"");
    }
}
