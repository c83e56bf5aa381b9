package dev.ghillie.runtime;

/**
 * Where the Valkey readiness check connects, parsed from {@code VALKEY_URL}:
 * {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS.
 */
public record ValkeyTarget(String host, int port, int database, String user, String password, boolean tls) {

    static final String VARIABLE = "VALKEY_URL";
    private static final int DEFAULT_PORT = 6379;

    public static ValkeyTarget parse(String url) {
        ConnectionUri uri = ConnectionUri.parse(url, ValkeyTarget::invalid);
        boolean tls;
        if ("redis".equals(uri.scheme()) || "valkey".equals(uri.scheme())) {
            tls = false;
        } else if ("rediss".equals(uri.scheme()) || "valkeys".equals(uri.scheme())) {
            tls = true;
        } else {
            throw invalid("must start with redis:// (or rediss:// for TLS)");
        }
        if (uri.host() == null) {
            throw invalid("has no host");
        }
        int database = 0;
        if (!uri.path().isEmpty()) {
            try {
                database = Integer.parseInt(uri.path());
            } catch (NumberFormatException e) {
                throw invalid("has a database index that is not a number");
            }
            if (database < 0) {
                throw invalid("has a negative database index");
            }
        }
        String user = null;
        String password = null;
        if (uri.userInfoPassword() == null) {
            // redis://secret@host is read by most clients as a password, not a user name.
            password = uri.userInfoName();
        } else {
            user = uri.userInfoName().isEmpty() ? null : uri.userInfoName();
            password = uri.userInfoPassword();
        }
        if (password != null && password.isEmpty()) {
            password = null;
        }
        int port = uri.port() < 0 ? DEFAULT_PORT : uri.port();
        return new ValkeyTarget(uri.host(), port, database, user, password, tls);
    }

    @Override
    public String toString() {
        String credentials = password == null ? "" : (user == null ? "" : user) + ":****@";
        return (tls ? "rediss://" : "redis://") + credentials + host + ":" + port + "/" + database;
    }

    private static ConfigException invalid(String what) {
        return new ConfigException(VARIABLE + " " + what + ": expected redis://[:PASSWORD@]HOST[:PORT][/DB]");
    }
}
