package io.memcluster.client.session;

import io.memcluster.auth.Namespaces;
import io.memcluster.client.connection.Connection;
import io.memcluster.client.connection.ConnectionException;
import io.memcluster.client.connection.Connector;
import io.memcluster.client.statement.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One user's session with one server: the connection, opened when first needed and opened
 * again after it was lost, and the namespace in use. Not thread-safe: one statement at a time.
 */
public final class Session implements AutoCloseable {

    /** memcached's longest key, checked here so the user hears it before the server does. */
    static final int MAX_KEY_LENGTH = 250;

    private final Connector connector;
    private final Consumer<String> notices;
    private Connection connection;
    private boolean lost;
    private String namespace;

    /**
     * @param namespace the namespace to start in; {@link Namespaces#DEFAULT} for none
     * @param notices   where "reconnected to ..." goes
     */
    public Session(Connector connector, String namespace, Consumer<String> notices) {
        this.connector = connector;
        this.notices = notices;
        this.namespace = namespace;
    }

    /**
     * The open connection, connecting (and logging in) first if there is none or it was lost.
     *
     * @throws ConnectionException if that fails; the next call tries again
     */
    public Connection connection() {
        if (connection != null && connection.isOpen()) {
            return connection;
        }
        boolean reconnecting = connection != null || lost;
        dropConnection();
        connection = connector.connect();
        if (reconnecting) {
            notices.accept("reconnected to " + connector.address().hostAndPort());
        }
        lost = false;
        return connection;
    }

    /** Connects now, so that a bad address or password is reported before anything else. */
    public void connect() {
        connection();
    }

    /** Closes the connection after a failure; the next statement reconnects. */
    public void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
            lost = true;
        }
    }

    public boolean isConnected() {
        return connection != null && connection.isOpen();
    }

    /**
     * The namespaces the server reports holding items, for completion: empty when not
     * connected (completing must not connect or ask for a password) or when anything fails.
     */
    public java.util.List<String> namespaceNames() {
        if (!isConnected()) {
            return java.util.List.of();
        }
        try {
            return new ServerTables(this).namespaceFigures().stream().map(ServerTables.NamespaceFigures::name).toList();
        } catch (ConnectionException e) {
            dropConnection();
            return java.util.List.of();
        } catch (RuntimeException e) {
            return java.util.List.of();
        }
    }

    public String namespace() {
        return namespace;
    }

    public void use(String namespace) {
        this.namespace = namespace;
    }

    public Optional<String> username() {
        return connector.username();
    }

    public String hostAndPort() {
        return connector.address().hostAndPort();
    }

    /**
     * The key as the server knows it: {@code ns.key} in a namespace, the key itself in
     * {@link Namespaces#DEFAULT}.
     *
     * @throws UsageException if it would be longer than memcached allows
     */
    public byte[] fullKey(byte[] key) {
        byte[] full = key;
        if (!namespace.equals(Namespaces.DEFAULT)) {
            byte[] prefix = (namespace + ".").getBytes(StandardCharsets.US_ASCII);
            full = new byte[prefix.length + key.length];
            System.arraycopy(prefix, 0, full, 0, prefix.length);
            System.arraycopy(key, 0, full, prefix.length, key.length);
        }
        if (full.length > MAX_KEY_LENGTH) {
            throw new UsageException("key too long: " + full.length + " bytes"
                    + (full == key ? "" : " with the prefix '" + namespace + ".'") + " (at most " + MAX_KEY_LENGTH + ")");
        }
        return full;
    }

    /**
     * The key as the user knows it in the current namespace, or null when the server key
     * belongs to another namespace.
     */
    public byte[] localKey(byte[] fullKey) {
        int prefix = Namespaces.prefixLength(fullKey, 0, fullKey.length);
        String keyNamespace = prefix == 0 ? Namespaces.DEFAULT
                : new String(fullKey, 0, prefix, StandardCharsets.US_ASCII);
        if (!keyNamespace.equals(namespace)) {
            return null;
        }
        if (prefix == 0 || namespace.equals(Namespaces.DEFAULT)) {
            return fullKey; // nothing was prefixed in default, "default.x" included
        }
        return java.util.Arrays.copyOfRange(fullKey, prefix + 1, fullKey.length);
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        connector.close();
    }
}
