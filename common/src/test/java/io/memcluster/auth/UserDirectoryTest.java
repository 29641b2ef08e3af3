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
    void aBrokenFileIsRefusedOnReloadAndTheOldUsersStay() throws Exception {
        Path file = dir.resolve("users.json");
        UsersFile.loadOrEmpty(file).add("alice", "wonderland", List.of(Permission.parse("cart:read")));
        UserDirectory users = UserDirectory.load(file);
        long generation = users.generation();

        Files.writeString(file, "not json");

        try (LogCapture log = new LogCapture(UserDirectory.class)) {
            assertThat(users.reload()).isFalse();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("ERROR users not reloaded,"
                    + " the previous 1 users stay in force: " + file + ": is not valid JSON"));
        }
        assertThat(users.find("alice")).isPresent();
        assertThat(users.generation()).isEqualTo(generation);
    }

    @Test
    void aGoodReloadReplacesTheUsers() throws Exception {
        Path file = dir.resolve("users.json");
        UsersFile.loadOrEmpty(file).add("alice", "wonderland", List.of(Permission.parse("cart:read")));
        UserDirectory users = UserDirectory.load(file);
        long generation = users.generation();

        UsersFile.load(file).add("bob", "builder", List.of(Permission.ADMIN));

        assertThat(users.reload()).isTrue();
        assertThat(users.find("bob")).isPresent();
        assertThat(users.generation()).isGreaterThan(generation);
    }
}
