package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void plaintextPasswordsAreAcceptedAndTheFileIsRewrittenHashed() throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"),
                "[{\"username\": \"foo\", \"password\": \"bar\", \"perms\": [\"ADMIN\"]}]");

        UserDirectory users = UserDirectory.load(file);

        assertThat(users.find("foo")).isPresent();
        assertThat(Files.readString(file)).contains("$argon2id$").doesNotContain("\"bar\"");
    }

    @Test
    void aBrokenFileIsRefusedAtLoad() throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), "[{\"username\": \"foo\",");

        assertThatThrownBy(() -> UserDirectory.load(file)).isInstanceOf(UsersFileException.class)
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void anEmptyListIsRefusedAtLoad() throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), "[]");

        assertThatThrownBy(() -> UserDirectory.load(file)).isInstanceOf(UsersFileException.class)
                .hasMessage(file + ": holds no users (at least one is needed, or no one could administer the"
                        + " server; add one with: bin/memcluster users add <name> --perm ADMIN)");
    }

    @Test
    void aFileWithoutAnAdminIsRefusedAtLoad() throws Exception {
        Path file = dir.resolve("users.json");
        UsersFile.loadOrEmpty(file).add("alice", "wonderland", List.of(Permission.parse("cart:read")));

        assertThatThrownBy(() -> UserDirectory.load(file)).isInstanceOf(UsersFileException.class)
                .hasMessageStartingWith(file + ": has no user with ADMIN (");
    }

    @Test
    void anEmptyListOrNoAdminIsRefusedOnReloadAndTheOldUsersStay() throws Exception {
        Path file = dir.resolve("users.json");
        UsersFile.loadOrEmpty(file).add("root", "toor", List.of(Permission.ADMIN));
        UserDirectory users = UserDirectory.load(file);
        long generation = users.generation();

        Files.writeString(file, "[]");
        assertThat(users.reload()).isFalse();
        UsersFile.loadOrEmpty(file).add("alice", "wonderland", List.of(Permission.parse("cart:write")));
        try (LogCapture log = new LogCapture(UserDirectory.class)) {
            assertThat(users.reload()).isFalse();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("ERROR users not reloaded,"
                    + " the previous 1 users stay in force: " + file + ": has no user with ADMIN"));
        }
        assertThat(users.find("root")).isPresent();
        assertThat(users.find("alice")).isEmpty();
        assertThat(users.generation()).isEqualTo(generation);
    }

    @Test
    void aBrokenFileIsRefusedOnReloadAndTheOldUsersStay() throws Exception {
        Path file = dir.resolve("users.json");
        UsersFile.loadOrEmpty(file).add("root", "toor", List.of(Permission.ADMIN));
        UsersFile.load(file).add("alice", "wonderland", List.of(Permission.parse("cart:read")));
        UserDirectory users = UserDirectory.load(file);
        long generation = users.generation();

        Files.writeString(file, "not json");

        try (LogCapture log = new LogCapture(UserDirectory.class)) {
            assertThat(users.reload()).isFalse();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("ERROR users not reloaded,"
                    + " the previous 2 users stay in force: " + file + ": is not valid JSON"));
        }
        assertThat(users.find("alice")).isPresent();
        assertThat(users.generation()).isEqualTo(generation);
    }

    @Test
    void aGoodReloadReplacesTheUsers() throws Exception {
        Path file = dir.resolve("users.json");
        UsersFile.loadOrEmpty(file).add("alice", "wonderland", List.of(Permission.ADMIN));
        UserDirectory users = UserDirectory.load(file);
        long generation = users.generation();

        UsersFile.load(file).add("bob", "builder", List.of(Permission.parse("cart:read")));

        assertThat(users.reload()).isTrue();
        assertThat(users.find("bob")).isPresent();
        assertThat(users.generation()).isGreaterThan(generation);
    }
}
