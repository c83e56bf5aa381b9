package dev.ghillie.runtime.readiness;

import dev.ghillie.runtime.ValkeyTarget;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A real PING to Valkey (or any Redis-protocol server), with AUTH and SELECT when configured. */
public final class ValkeyCheck implements DependencyCheck {

    private final ValkeyTarget target;
    private final DefaultJedisClientConfig clientConfig;

    public ValkeyCheck(ValkeyTarget target, Duration timeout) {
        this.target = target;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        this.clientConfig = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .user(target.user())
                .password(target.password())
                .database(target.database())
                .ssl(target.tls())
                .clientName("ghillie-readiness")
                .build();
    }

    @Override
    public String name() {
        return "valkey";
    }

    @Override
    public CheckResult run() {
        try (Jedis jedis = new Jedis(new HostAndPort(target.host(), target.port()), clientConfig)) {
            String reply = jedis.ping();
            return "PONG".equalsIgnoreCase(reply)
                    ? CheckResult.pass()
                    : CheckResult.fail("unexpected reply to PING: " + reply);
        } catch (RuntimeException e) {
            return CheckResult.fail(FailureReason.of(e, target.password()));
        }
    }
}
