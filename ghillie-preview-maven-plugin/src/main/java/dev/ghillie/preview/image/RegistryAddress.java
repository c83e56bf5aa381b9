package dev.ghillie.preview.image;

/**
 * The host and port of a registry as image references write it: {@code host}, {@code host:port},
 * {@code [ipv6]} or {@code [ipv6]:port}; HTTPS's 443 when no port is given.
 */
record RegistryAddress(String host, int port) {

    private static final int HTTPS_PORT = 443;

    static RegistryAddress parse(String registry) {
        String host;
        String rest;
        if (registry.startsWith("[") && registry.indexOf(']') > 0) {
            int end = registry.indexOf(']');
            host = registry.substring(1, end);
            rest = registry.substring(end + 1);
        } else {
            int colon = registry.indexOf(':');
            host = colon < 0 ? registry : registry.substring(0, colon);
            rest = colon < 0 ? "" : registry.substring(colon);
        }
        if (rest.startsWith(":")
                && rest.length() > 1
                && rest.substring(1).chars().allMatch(Character::isDigit)) {
            return new RegistryAddress(host, Integer.parseInt(rest.substring(1)));
        }
        return new RegistryAddress(host, HTTPS_PORT);
    }
}
