package dev.ghillie.preview.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exact text written; that the runtime reads it back is ghillie-image-it's ValkeyUrlRoundTripTest. */
class ValkeyUrlTest {

    @Test
    void percentEncodesThePasswordPerRfc3986NotAsAForm() {
        assertThat(ValkeyUrl.of("valkey-ghillie", "ghillie", 6379, "a b+c@d:e/f%g"))
                .isEqualTo("redis://:a%20b%2Bc%40d%3Ae%2Ff%25g@valkey-ghillie.ghillie:6379");
    }

    @Test
    void leavesTheUnreservedCharactersAsTheyAre() {
        assertThat(ValkeyUrl.userInfoEncoded("AZaz09-._~")).isEqualTo("AZaz09-._~");
        assertThat(ValkeyUrl.userInfoEncoded("ü")).isEqualTo("%C3%BC");
    }
}
