package dev.ghillie.preview.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    private final LoopbackPorts ports = new LoopbackPorts();

    @Test
    void aPickedPortIsFreeAndNotOneOfTheExcluded() {
        int first = ports.pickFree(Set.of());
        int second = ports.pickFree(Set.of(first));

        assertThat(first).isBetween(1, 65535);
        assertThat(second).isNotEqualTo(first);
        assertThat(ports.isFree(first)).isTrue();
    }

    @Test
    void aListeningPortIsNotFree() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            assertThat(ports.isFree(socket.getLocalPort())).isFalse();
        }
    }
}
