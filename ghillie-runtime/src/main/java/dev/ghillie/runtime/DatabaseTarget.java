package dev.ghillie.runtime;

import java.util.Properties;

/**
 * Where the PostgreSQL readiness check connects, parsed from {@code DATABASE_URL} in the
 * {@code postgresql://user:password@host:port/database} form CloudNativePG writes into its
 * {@code <cluster>-app} secret ({@code uri} key).
 */
public record DatabaseTarget(String host, int port, String database, String user, String password) {

    static final String VARIABLE = "DATABASE_URL";
    private static final int DEFAULT_PORT = 5432;

    public DatabaseTarget {
        if (host == null || host.isBlank()) {
            throw invalid("has no host");
        }
        if (database == null || database.isBlank()) {
            throw invalid("has no database name");
        }
    }

    /** Parses the URL; the error never repeats the URL itself, since it may hold a password. */
    public static DatabaseTarget parse(String url) {
        ConnectionUri uri = ConnectionUri.parse(url, DatabaseTarget::invalid);
        if (!"postgresql".equals(uri.scheme()) && !"postgres".equals(uri.scheme())) {
            throw invalid("must start with postgresql://");
        }
        if (uri.host() == null) {
            throw invalid("has no host");
        }
        int port = uri.port() < 0 ? DEFAULT_PORT : uri.port();
        return new DatabaseTarget(uri.host(), port, uri.path(), uri.userInfoName(), uri.userInfoPassword());
    }

    /** The JDBC URL, which carries no credentials: they travel in {@link #connectionProperties}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Properties connectionProperties(int timeoutSeconds) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("socketTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("ApplicationName", "ghillie-readiness");
        return properties;
    }

    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + (password == null ? "" : ":****") + "@") + host + ":"
                + port + "/" + database;
    }

    private static ConfigException invalid(String what) {
        return new ConfigException(
                VARIABLE + " " + what
                        + ": expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE (the 'uri' key of CloudNativePG's <cluster>-app secret)");
    }
}
