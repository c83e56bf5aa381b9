package dev.ghillie.preview.image;

import java.io.IOException;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Tells, with one TLS handshake, whether a registry speaks only plain HTTP. Jib finds that out
 * itself too, but only after a minute of retries; the probe lets the refusal come at once.
 * Anything but a clear "this is not TLS" answer (unreachable, bad certificate) is left to Jib.
 */
final class PlainHttpProbe {

    private static final int TIMEOUT_MILLIS = 3000;

    boolean speaksOnlyPlainHttp(String registry) {
        RegistryAddress target = RegistryAddress.parse(registry);
        try (SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            return false;
        } catch (SSLException e) {
            return String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL message");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
