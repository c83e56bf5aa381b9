package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainHttpPolicyTest {

    private final PlainHttpPolicy policy = new PlainHttpPolicy();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "localhost:5001",
                "registry.localhost:5000",
                "k3d-ghillie.localhost",
                "127.0.0.1:5000",
                "127.1.2.3",
                "[::1]:5000"
            })
    void allowsPlainHttpToRegistriesThatCannotLeaveTheMachine(String registry) {
        assertThat(policy.allows(registry)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "registry-1.docker.io",
                "ghcr.io",
                "10.0.0.5:5000",
                "192.168.1.10",
                "localhost.example.com:5000",
                "evil-localhost:5000",
                "127.0.0.1.nip.io",
                "128.0.0.1",
                "[fe80::1]:5000"
            })
    void refusesPlainHttpToAnyOtherRegistry(String registry) {
        assertThat(policy.allows(registry)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example.com:5000"})
    void theRefusalNamesTheRegistryAndTheWayOut(String registry) {
        assertThat(policy.refusal(registry))
                .contains(registry)
                .contains("loopback")
                .contains("TLS")
                .doesNotContain("\n");
    }
}
