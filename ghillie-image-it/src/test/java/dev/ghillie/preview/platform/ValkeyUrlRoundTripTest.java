package dev.ghillie.preview.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.runtime.ValkeyTarget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end across the two modules: the URL the plugin writes into the app Secret's
 * {@code VALKEY_URL} is read back by the runtime's own parser with the very password the operator
 * gave. (This test sits in the plugin's package to call its URL builder, which is not public API, and in
 * ghillie-image-it, the module that sees both, so that neither module depends on the other's code.)
 */
class ValkeyUrlRoundTripTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain",
                "with space",
                "a+b",
                "user@host",
                "x:y:z",
                "a/b/c",
                "100%",
                "%41",
                "?#[]!$&'()*,;=",
                "ünïcødé ✓",
                " +@:/% all of them "
            })
    void theRuntimeReadsThePasswordThePluginWrote(String password) {
        String url = HyperspikeValkey.url("ghillie", password);

        ValkeyTarget target = ValkeyTarget.parse(url);

        assertThat(target.password()).isEqualTo(password);
        assertThat(target.user()).isNull();
        assertThat(target.host()).isEqualTo("valkey-ghillie.ghillie");
        assertThat(target.port()).isEqualTo(6379);
    }
}
