package dev.ghillie.preview.cluster;

import java.util.List;
import java.util.regex.Pattern;

import dev.ghillie.preview.process.ProcessResult;
import dev.ghillie.preview.process.SecretMasker;

/** Turns k3d's logrus output into one line a user can act on. */
final class K3dMessages {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern LEVEL_PREFIX = Pattern.compile("^(FATA|ERRO|WARN|INFO|DEBU|TRAC)(\\[\\d+\\])?\\s*");

    private K3dMessages() {
    }

    static String plain(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    /** k3d's last stderr line (stdout when stderr is empty), without colours or level prefix. */
    static String lastLine(ProcessResult result) {
        String text = plain(result.stderr().isBlank() ? result.stdout() : result.stderr());
        String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("no output");
        return LEVEL_PREFIX.matcher(line).replaceFirst("");
    }

    /**
     * {@code `k3d cluster create NAME` failed: <k3d's FATA (or last error) line>: <fix>}. The full output
     * is in the debug log.
     */
    static String failure(ProcessResult result, SecretMasker masker) {
        List<String> stderr = plain(result.stderr()).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        List<String> stdout = plain(result.stdout()).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String reason = last(stderr, "FATA");
        // The first ERRO is the root cause; later ones narrate the rollback.
        String error = first(stderr, "ERRO");
        if (reason.isEmpty()) {
            reason = error;
        }
        if (reason.isEmpty()) {
            reason = !stderr.isEmpty() ? stderr.getLast() : !stdout.isEmpty() ? stdout.getLast() : "no output";
        }
        reason = LEVEL_PREFIX.matcher(reason).replaceFirst("");
        String cause = error.isEmpty() ? "" : LEVEL_PREFIX.matcher(error).replaceFirst("");
        StringBuilder message = new StringBuilder("`").append(shortCommand(result.command())).append("` failed (exit ")
                .append(result.exitCode()).append("): ").append(reason);
        if (!cause.isEmpty() && !cause.equals(reason) && !reason.contains(cause)) {
            message.append(" (").append(cause).append(")");
        }
        message.append(hint(String.join("\n", stderr), result.command()));
        return masker.mask(message.toString());
    }

    private static String hint(String stderr, List<String> command) {
        String name = command.size() > 3 ? command.get(3) : "NAME";
        if (stderr.contains("Cannot connect to the Docker daemon")) {
            return ": the Docker daemon is not answering: start Docker Desktop / `sudo systemctl start docker`";
        }
        if (stderr.contains("port is already allocated") || stderr.contains("address already in use")) {
            return ": a host port is taken: set ghillie.preview.port (GHILLIE_K3D_PORT) to a free port, or 0 to pick one";
        }
        if (stderr.contains("context deadline exceeded")) {
            return ": the cluster was not ready within ghillie.preview.clusterTimeout: raise it (a first start pulls the"
                    + " k3s image) or see `docker ps -a` for the failing node";
        }
        if (stderr.contains("already exists")) {
            return ": delete it with `k3d cluster delete " + name + "` or choose another ghillie.preview.cluster";
        }
        return ": run with -X for k3d's full output";
    }

    private static String first(List<String> lines, String level) {
        return lines.stream().filter(line -> line.startsWith(level)).findFirst().orElse("");
    }

    private static String last(List<String> lines, String level) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(level)) {
                return lines.get(i);
            }
        }
        return "";
    }

    /** {@code k3d cluster create NAME} rather than every flag: enough to recognise and re-run. */
    private static String shortCommand(List<String> command) {
        int words = command.size() > 1 && command.get(1).equals("version") ? 2 : Math.min(command.size(), 4);
        return String.join(" ", command.subList(0, words));
    }
}
