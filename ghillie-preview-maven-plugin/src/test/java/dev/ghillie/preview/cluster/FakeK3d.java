package dev.ghillie.preview.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ghillie.preview.ProgressLines;
import dev.ghillie.preview.process.ExecutableLocator;
import dev.ghillie.preview.process.ProcessRunner;
import dev.ghillie.preview.process.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installs the fake {@code k3d} (and optionally {@code docker}) from {@code src/test/resources/fake-bin}
 * into a temporary bin directory and builds the environment a test hands to {@link ProcessRunner}:
 * PATH holds only that directory (plus {@code bash} for the scripts' shebang), so a real k3d or
 * docker on the machine can never be picked up. Public so that orchestration tests elsewhere can
 * use the same fakes.
 */
public final class FakeK3d {

    private final Path bin;
    private final Path state;
    private final Path home;
    private final Path xdgConfig;
    private final Map<String, String> extra = new LinkedHashMap<>();
    private final List<String> debugLog = new ArrayList<>();

    private FakeK3d(Path root) {
        this.bin = root.resolve("bin");
        this.state = root.resolve("state");
        this.home = root.resolve("home");
        this.xdgConfig = root.resolve("xdg");
    }

    public static FakeK3d withK3dAndDocker(Path root) {
        return install(root, true, true);
    }

    /** The fake {@code kind} beside the fake {@code docker}, for the kind provider. */
    public static FakeK3d withKindAndDocker(Path root) {
        FakeK3d fake = install(root, false, true);
        try {
            fake.copyScript("kind");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    public static FakeK3d install(Path root, boolean k3d, boolean docker) {
        FakeK3d fake = new FakeK3d(root);
        try {
            Files.createDirectories(fake.bin);
            Files.createDirectories(fake.home);
            if (k3d) {
                fake.copyScript("k3d");
            }
            if (docker) {
                fake.copyScript("docker");
            }
            Optional<Path> bash = new ExecutableLocator(System.getenv("PATH")).find("bash");
            assumeTrue(bash.isPresent(), "bash is needed to run the fake k3d");
            // The fakes start with `#!/usr/bin/env bash`; a wrapper (not a symlink, which @TempDir
            // cleanup warns about) lets env find bash on a PATH that holds nothing else.
            Path wrapper = Files.writeString(fake.bin.resolve("bash"), "#!/bin/sh\nexec " + bash.get() + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    private void copyScript(String name) throws IOException {
        try (InputStream in = FakeK3d.class.getResourceAsStream("/fake-bin/" + name)) {
            Path target = bin.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Sets a fake's environment variable (FAKE_K3D_FAIL_CREATE, FAKE_DOCKER_DAEMON, ...) for later runners. */
    public FakeK3d set(String name, String value) {
        extra.put(name, value);
        return this;
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", bin.toString());
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", xdgConfig.toString());
        env.put("FAKE_K3D_STATE", state.toString());
        env.put("FAKE_KIND_STATE", state.toString());
        env.putAll(extra);
        return env;
    }

    public ProcessRunner runner() {
        return new ProcessRunner(environment(), null, SecretMasker.none(), ProgressLines.to(debugLog::add));
    }

    public K3dCli k3d() {
        return new K3dCli(runner());
    }

    /** Every command line the fakes received, e.g. {@code k3d cluster list -o json}. */
    public List<String> calls() {
        Path log = state.resolve("calls.log");
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tarballs {@code k3d image import} loaded into {@code cluster}, oldest first. */
    public List<String> importedImages(String cluster) {
        Path list = state.resolve("images").resolve(cluster + ".list");
        try {
            return Files.exists(list) ? Files.readAllLines(list) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void forgetCalls() {
        try {
            Files.deleteIfExists(state.resolve("calls.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    public Path xdgConfig() {
        return xdgConfig;
    }

    public Path bin() {
        return bin;
    }

    public List<String> debugLog() {
        return debugLog;
    }
}
