package dev.ghillie.preview.image;

import java.util.Locale;

/**
 * Decides whether a registry may be spoken to over plain HTTP: only when it cannot leave the
 * machine (a loopback address, {@code localhost} or a {@code *.localhost} name, as k3d's local
 * registries use). Names are not resolved: a name that merely resolves to loopback is not trusted.
 */
public final class PlainHttpPolicy {

    public boolean allows(String registry) {
        String host = RegistryAddress.parse(registry).host().toLowerCase(Locale.ROOT);
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || host.equals("::1")
                || host.equals("0:0:0:0:0:0:0:1")
                || isIpv4Loopback(host);
    }

    /** The one line shown when a registry outside the machine answers only over plain HTTP. */
    public String refusal(String registry) {
        return "registry " + registry + " answers only over plain HTTP: ghillie allows plain HTTP only for loopback or"
                + " *.localhost registries (like a local k3d registry); give the registry TLS, or push to a local one";
    }

    private static boolean isIpv4Loopback(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty()
                    || part.length() > 3
                    || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
