package dev.ghillie.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Starts the real server in-process on a free loopback port with the given environment. */
final class ServerFixture {

    private ServerFixture() {}

    static GhillieServer start(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("GHILLIE_HOST", "127.0.0.1");
        env.putIfAbsent("GHILLIE_PORT", "0");
        RuntimeConfig config = RuntimeConfig.fromEnvironment(env);
        return GhillieServer.start(
                config, new BuildInfo("1.2.3-test", Optional.of("0123456789abcdef"), config.imageDigest()));
    }
}
