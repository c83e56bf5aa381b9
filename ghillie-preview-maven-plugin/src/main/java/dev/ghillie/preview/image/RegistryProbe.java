package dev.ghillie.preview.image;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Quick checks of a registry before Jib talks to it. Jib retries a failing registry for about a
 * minute before it gives up; one connection says the same in at most a few seconds, so an
 * unreachable base image or a plain-HTTP registry is reported at once. Anything these checks
 * cannot tell for sure (a bad certificate, an HTTP proxy in the way) is left to Jib.
 */
public final class RegistryProbe {

    private static final int TIMEOUT_MILLIS = 3000;

    /** Why the registry cannot be reached, or empty when a TCP connection works (or a proxy decides). */
    Optional<String> unreachable(String registry) {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null) {
            return Optional.empty();
        }
        RegistryAddress target = RegistryAddress.parse(registry);
        return connectFailure(new InetSocketAddress(target.host(), target.port()));
    }

    /** Why a TCP connection to {@code address} fails within a few seconds, or empty when it works. */
    public static Optional<String> connectFailure(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, TIMEOUT_MILLIS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

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
