package dev.ghillie.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The parts of a connection URL ({@code scheme://[user[:password]@]host[:port][/path]}), decoded,
 * for {@link DatabaseTarget} and {@link ValkeyTarget} to read as their protocol means them. The
 * scheme is null when the URL has none; each target rejects that with its own message.
 *
 * @param userInfoName     the decoded user-info before the first colon (all of it without one), or null
 * @param userInfoPassword the decoded user-info after the first colon, or null when there is no colon
 * @param port             the port, or -1 when the URL names none
 * @param path             the decoded path without its leading slash, possibly empty
 */
record ConnectionUri(String scheme, String host, int port, String userInfoName, String userInfoPassword, String path) {

    /** Parses {@code url}; {@code invalid} turns "what is wrong" into the caller's one-line error. */
    static ConnectionUri parse(String url, Function<String, ConfigException> invalid) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid.apply("is not a valid URI");
        }
        String name = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            name = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String path = decode(rawPath.startsWith("/") ? rawPath.substring(1) : rawPath);
        return new ConnectionUri(uri.getScheme(), uri.getHost(), uri.getPort(), name, password, path);
    }

    /** Percent-decoding as in a URL path, where '+' is a plus sign, not a space. */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
