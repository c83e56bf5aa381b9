package dev.ghillie.preview.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksRegisteredValuesLongestFirst() {
        SecretMasker masker = new SecretMasker(Set.of("abc", "abcdef"));

        assertThat(masker.mask("x abcdef y abc")).isEqualTo("x **** y ****");
    }

    @Test
    void masksPasswordsInUrlsEvenWhenUnregistered() {
        assertThat(SecretMasker.none().mask("DATABASE_URL=postgresql://ghillie:pa%3Ass@pg-rw.ghillie:5432/ghillie"))
                .isEqualTo("DATABASE_URL=postgresql://ghillie:****@pg-rw.ghillie:5432/ghillie");
        assertThat(SecretMasker.none().mask("redis://:vk-pass@valkey:6379")).isEqualTo("redis://:****@valkey:6379");
        assertThat(SecretMasker.none().mask("http://127.0.0.1:8080/health")).isEqualTo("http://127.0.0.1:8080/health");
    }

    @Test
    void blankSecretsAreIgnored() {
        SecretMasker masker = SecretMasker.none().with("").with(" ").with(null).with("tok");

        assertThat(masker.secrets()).containsExactly("tok");
        assertThat(masker.mask("a tok b")).isEqualTo("a **** b");
    }
}
