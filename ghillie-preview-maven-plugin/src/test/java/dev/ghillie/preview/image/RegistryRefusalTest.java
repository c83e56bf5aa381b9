package dev.ghillie.preview.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registries that say no, and a plain-HTTP registry off the loopback, which ghillie refuses to use. */
class RegistryRefusalTest {

    @TempDir
    Path work;

    @Test
    void aRegistryThatForbidsThePushIsNamedWithTheLoginHint() throws Exception {
        try (BrokenRegistry registry = BrokenRegistry.answering(403)) {
            ImageSettings settings = settings(registry.host());

            assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessageStartingWith("registry " + registry.host() + " refused access to " + registry.host()
                            + "/ghillie-runtime")
                    .hasMessageContaining("docker login " + registry.host());
        }
    }

    @Test
    void plainHttpToARegistryOffTheLoopbackIsRefused() throws Exception {
        // This machine's own non-loopback address: a registry there is "remote" to the policy, yet no packet leaves the
        // host.
        Optional<InetAddress> address = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(address.isPresent(), "skipped: this machine has no non-loopback IPv4 address");
        try (LocalRegistry registry = LocalRegistry.start(
                Files.createDirectories(work.resolve("registry")), address.get().getHostAddress())) {
            ImageSettings settings = settings(registry.host());

            assertThatThrownBy(() -> new RuntimeImageBuilder(new RecordingLog()).build(settings))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessage(new PlainHttpPolicy().refusal(registry.host()));
        }
    }

    private ImageSettings settings(String registry) throws Exception {
        Path base = ScratchBaseImage.write(Files.createDirectories(work.resolve("base")));
        return TestApp.create(work.resolve("app"))
                .settings(base, work.resolve("out"))
                .target("registry")
                .imageName(registry + "/ghillie-runtime")
                .build();
    }
}
