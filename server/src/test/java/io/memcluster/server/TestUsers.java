package io.memcluster.server;

import io.memcluster.auth.Permission;
import io.memcluster.auth.StoredUser;
import io.memcluster.auth.UsersFile;
import io.memcluster.auth.UsersFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** users.json for a test node, written before it starts, as {@code bin/memcluster users add} would. */
public final class TestUsers {

    private TestUsers() {
    }

    /** Adds a user with a password and permissions (ADMIN, cart:read, ...) to {@code <dataDir>/users.json}. */
    public static void add(Path dataDir, String username, String password, String... permissions) {
        Path file = dataDir.resolve("users.json");
        try {
            UsersFile.loadOrEmpty(file).add(username, password,
                    Stream.of(permissions).map(Permission::parse).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UsersFileException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user as {@code <dataDir>/users.json} holds it now: what a token is minted for. */
    public static StoredUser find(Path dataDir, String username) {
        try {
            return UsersFile.load(dataDir.resolve("users.json")).users().find(username).orElseThrow();
        } catch (UsersFileException e) {
            throw new IllegalStateException(e);
        }
    }
}
