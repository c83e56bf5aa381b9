package dev.ghillie.preview.cluster;

import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.SecretMasker;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Turns k3d's logrus output ({@link K3dLog}) into one line a user can act on. */
final class K3dMessages {

    private K3dMessages() {}

    /** Whether any message k3d logged (on either stream) contains {@code text}. */
    static boolean logged(ProcessResult result, String text) {
        return entries(result).stream().anyMatch(entry -> entry.message().contains(text));
    }

    /** Whether k3d logged an error (or worse), whatever its exit code. */
    static boolean loggedError(ProcessResult result) {
        return entries(result).stream()
                .anyMatch(entry ->
                        entry.level() == K3dLog.Level.ERROR || entry.level().ends());
    }

    /** k3d's last message on stderr (stdout when stderr is empty), on one line. */
    static String lastMessage(ProcessResult result) {
        List<K3dLog.Entry> entries = K3dLog.parse(result.stderr());
        if (entries.isEmpty()) {
            entries = K3dLog.parse(result.stdout());
        }
        return entries.isEmpty() ? "no output" : entries.getLast().oneLine();
    }

    /**
     * {@code `k3d cluster create NAME` failed (exit N): <k3d's fatal message> (<its first error>): <fix>}.
     * The first error is the root cause; later ones narrate the rollback. The full output is in the debug log.
     */
    static String failure(ProcessResult result, SecretMasker masker) {
        List<K3dLog.Entry> entries = entries(result);
        Optional<K3dLog.Entry> fatal = entries.reversed().stream()
                .filter(entry -> entry.level().ends())
                .findFirst();
        Optional<K3dLog.Entry> error = entries.stream()
                .filter(entry -> entry.level() == K3dLog.Level.ERROR)
                .findFirst();
        String reason = fatal.or(() -> error).map(K3dLog.Entry::oneLine).orElseGet(() -> lastMessage(result));
        StringBuilder message = new StringBuilder("`")
                .append(shortCommand(result.command()))
                .append("` failed (exit ")
                .append(result.exitCode())
                .append("): ")
                .append(reason);
        String cause = error.map(K3dLog.Entry::oneLine).orElse("");
        if (!cause.isEmpty() && !reason.contains(cause)) {
            message.append(" (").append(cause).append(")");
        }
        message.append(hint(entries, result.command()));
        return masker.mask(message.toString());
    }

    /** stderr's entries, then stdout's: k3d splits them by level, so their relative order is lost anyway. */
    private static List<K3dLog.Entry> entries(ProcessResult result) {
        List<K3dLog.Entry> entries = new java.util.ArrayList<>(K3dLog.parse(result.stderr()));
        entries.addAll(K3dLog.parse(result.stdout()));
        return entries;
    }

    private static String hint(List<K3dLog.Entry> entries, List<String> command) {
        String name = command.size() > 3 ? command.get(3) : "NAME";
        Predicate<String> said = text -> entries.stream()
                .anyMatch(entry ->
                        entry.level() != K3dLog.Level.PLAIN && entry.message().contains(text));
        if (said.test("Cannot connect to the Docker daemon")) {
            return ": the Docker daemon is not answering: start Docker Desktop / `sudo systemctl start docker`";
        }
        if (said.test("port is already allocated") || said.test("address already in use")) {
            return ": a host port is taken: set " + ClusterSpec.PORT_SETTING + " to a free port, or 0 to pick one";
        }
        if (said.test("context deadline exceeded")) {
            return ": the cluster was not ready within ghillie.preview.clusterTimeout: raise it (a first start pulls the"
                    + " k3s image) or see `docker ps -a` for the failing node";
        }
        if (said.test("already exists")) {
            return ": delete it with `k3d cluster delete " + name + "` or choose another ghillie.preview.cluster";
        }
        return ": run with -X for k3d's full output";
    }

    /** {@code k3d cluster create NAME} rather than every flag: enough to recognise and re-run. */
    private static String shortCommand(List<String> command) {
        int words = command.size() > 1 && command.get(1).equals("version") ? 2 : Math.min(command.size(), 4);
        return String.join(" ", command.subList(0, words));
    }
}
