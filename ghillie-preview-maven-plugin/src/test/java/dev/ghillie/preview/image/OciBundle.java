package dev.ghillie.preview.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * An OCI runtime bundle made from a docker-archive image: the layers unpacked in order into
 * {@code rootfs} (by the startup cache's {@link LayerUnpacker}, whiteouts and all), and a {@code config.json}
 * that runs the image's entrypoint as its user with a read-only root, a tmpfs /tmp, the host's network (no
 * network namespace) and no rlimits.
 */
final class OciBundle {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OciBundle() {}

    /** Unpacks the image and writes config.json over {@code runc spec}'s template; returns the bundle folder. */
    static Path create(Path imageTar, Path bundle, String runc, Map<String, String> extraEnv) throws Exception {
        return create(imageTar, bundle, runc, extraEnv, 0);
    }

    /** As above, with a memory limit in bytes (0: none), as a pod's {@code resources.limits.memory} sets one. */
    static Path create(Path imageTar, Path bundle, String runc, Map<String, String> extraEnv, long memoryLimit)
            throws Exception {
        Path rootfs = bundle.resolve("rootfs");
        JsonNode image;
        try (DockerArchive archive = DockerArchive.open(imageTar)) {
            image = archive.runConfig();
            new LayerUnpacker("/", false).unpack(archive, rootfs);
        }
        Process spec = new ProcessBuilder(runc, "spec", "--bundle", bundle.toString())
                .redirectErrorStream(true)
                .start();
        if (spec.waitFor() != 0) {
            throw new IOException(
                    "runc spec failed: " + new String(spec.getInputStream().readAllBytes()));
        }
        ObjectNode config =
                (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        String[] user = image.get("User").asText().split(":");
        process.putObject("user")
                .put("uid", Integer.parseInt(user[0]))
                .put("gid", Integer.parseInt(user.length > 1 ? user[1] : user[0]));
        ArrayNode args = process.putArray("args");
        image.get("Entrypoint").forEach(args::add);
        ArrayNode env = process.putArray("env");
        image.get("Env").forEach(env::add);
        extraEnv.forEach((name, value) -> env.add(name + "=" + value));
        process.put("cwd", image.get("WorkingDir").asText());
        process.remove("rlimits");
        ((ObjectNode) config.get("root")).put("path", "rootfs").put("readonly", true);
        ArrayNode namespaces = (ArrayNode) config.get("linux").get("namespaces");
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            if (namespaces.get(i).get("type").asText().equals("network")) {
                namespaces.remove(i);
            }
        }
        ObjectNode tmp = ((ArrayNode) config.get("mounts")).addObject();
        tmp.put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs");
        tmp.putArray("options").add("nosuid").add("nodev").add("mode=1777").add("size=64m");
        if (memoryLimit > 0) {
            ((ObjectNode) config.get("linux"))
                    .putObject("resources")
                    .putObject("memory")
                    .put("limit", memoryLimit);
        }
        JSON.writerWithDefaultPrettyPrinter()
                .writeValue(bundle.resolve("config.json").toFile(), config);
        return bundle;
    }
}
