package dev.ghillie.runtime.readiness;

import dev.ghillie.runtime.DatabaseTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A real round trip to PostgreSQL: connect, authenticate, {@code SELECT 1}, disconnect. */
public final class PostgresCheck implements DependencyCheck {

    private final DatabaseTarget target;
    private final int timeoutSeconds;

    public PostgresCheck(DatabaseTarget target, Duration timeout) {
        this.target = target;
        // The driver's timeouts are whole seconds; round up so a sub-second setting still bounds the call.
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public CheckResult run() {
        try (Connection connection =
                        DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties(timeoutSeconds));
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.execute("SELECT 1");
            return CheckResult.pass();
        } catch (SQLException | RuntimeException e) {
            return CheckResult.fail(FailureReason.of(e, target.password()));
        }
    }
}
