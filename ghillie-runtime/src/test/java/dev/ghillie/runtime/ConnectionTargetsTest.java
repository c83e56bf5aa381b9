package dev.ghillie.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionTargetsTest {

    @Test
    void parsesCloudNativePgUriWithEncodedPassword() {
        DatabaseTarget target =
                DatabaseTarget.parse("postgresql://ghillie:p%40ss%2Fw0rd+x@pg-ghillie-rw.ghillie:5432/ghillie");

        assertThat(target)
                .isEqualTo(new DatabaseTarget("pg-ghillie-rw.ghillie", 5432, "ghillie", "ghillie", "p@ss/w0rd+x"));
        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://pg-ghillie-rw.ghillie:5432/ghillie");
        assertThat(target.connectionProperties(2))
                .containsEntry("password", "p@ss/w0rd+x")
                .containsEntry("connectTimeout", "2");
    }

    @Test
    void databaseTargetNeverPrintsItsPassword() {
        DatabaseTarget target = DatabaseTarget.parse("postgres://app:hunter2@db/app");

        assertThat(target.port()).isEqualTo(5432);
        assertThat(target.toString())
                .isEqualTo("postgresql://app:****@db:5432/app")
                .doesNotContain("hunter2");
    }

    @Test
    void parsesValkeyUrlForms() {
        assertThat(ValkeyTarget.parse("redis://valkey:6379"))
                .isEqualTo(new ValkeyTarget("valkey", 6379, 0, null, null, false));
        assertThat(ValkeyTarget.parse("redis://:pw@valkey"))
                .isEqualTo(new ValkeyTarget("valkey", 6379, 0, null, "pw", false));
        assertThat(ValkeyTarget.parse("redis://pw@valkey/3"))
                .isEqualTo(new ValkeyTarget("valkey", 6379, 3, null, "pw", false));
        assertThat(ValkeyTarget.parse("rediss://default:pw@valkey:6380"))
                .isEqualTo(new ValkeyTarget("valkey", 6380, 0, "default", "pw", true));
    }

    @Test
    void valkeyTargetNeverPrintsItsPassword() {
        assertThat(ValkeyTarget.parse("redis://:hunter2@valkey:6379").toString())
                .isEqualTo("redis://:****@valkey:6379/0");
    }
}
