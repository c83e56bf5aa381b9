package dev.ghillie.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the Valkey readiness check connects, parsed from {@code VALKEY_URL}:
 * {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS.
 */
public record ValkeyTarget(String host, int port, int database, String user, String password, boolean tls) {

    static final String VARIABLE = "VALKEY_URL";
    private static final int DEFAULT_PORT = 6379;

    public static ValkeyTarget parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a valid URI");
        }
        String scheme = uri.getScheme();
        boolean tls;
        if ("redis".equals(scheme) || "valkey".equals(scheme)) {
            tls = false;
        } else if ("rediss".equals(scheme) || "valkeys".equals(scheme)) {
            tls = true;
        } else {
            throw invalid("must start with redis:// (or rediss:// for TLS)");
        }
        if (uri.getHost() == null) {
            throw invalid("has no host");
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw invalid("has a database index that is not a number");
            }
            if (database < 0) {
                throw invalid("has a negative database index");
            }
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                // redis://secret@host is read by most clients as a password, not a user name.
                password = decode(userInfo);
            } else {
                String name = decode(userInfo.substring(0, colon));
                user = name.isEmpty() ? null : name;
                password = decode(userInfo.substring(colon + 1));
            }
            if (password != null && password.isEmpty()) {
                password = null;
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new ValkeyTarget(uri.getHost(), port, database, user, password, tls);
    }

    @Override
    public String toString() {
        String credentials = password == null ? "" : (user == null ? "" : user) + ":****@";
        return (tls ? "rediss://" : "redis://") + credentials + host + ":" + port + "/" + database;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static ConfigException invalid(String what) {
        return new ConfigException(VARIABLE + " " + what + ": expected redis://[:PASSWORD@]HOST[:PORT][/DB]");
    }
}
