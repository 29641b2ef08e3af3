package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    @TempDir
    Path dir;

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void loadsTheOriginalShape() throws Exception {
        Path file = write("""
                [{"username": "admin", "password": "%s", "perms": ["ADMIN"]},
                 {"username": "shop", "password": "%s", "perms": ["cart:write", "*:read"]}]
                """.formatted(hasher.hash("a"), hasher.hash("b")));

        UsersFile users = UsersFile.load(file);

        assertThat(users.list()).extracting(User::username).containsExactly("admin", "shop");
        assertThat(users.list().get(1).permissionTexts()).containsExactly("cart:write", "*:read");
        assertThat(users.plaintextUsers()).isEmpty();
        assertThat(new Authenticator(users::users, Optional.empty()).authenticate("shop", "b").succeeded())
                .isTrue();
    }

    @Test
    void plaintextPasswordIsAcceptedThenRewrittenHashed() throws Exception {
        Path file = write("""
                [{"username": "admin", "password": "hunter2", "perms": ["ADMIN"]},
                 {"username": "ro", "password": "%s", "perms": ["*:read"]}]
                """.formatted(hasher.hash("readonly")));

        UsersFile users = UsersFile.load(file);
        assertThat(users.plaintextUsers()).containsExactly("admin");
        Authenticator authenticator = new Authenticator(users::users, Optional.empty());
        assertThat(authenticator.authenticate("admin", "hunter2").succeeded()).isTrue();

        users.rewriteHashed();

        String rewritten = Files.readString(file);
        assertThat(rewritten).doesNotContain("hunter2").contains("\"password\": \"$argon2id$");
        UsersFile reloaded = UsersFile.load(file);
        assertThat(reloaded.plaintextUsers()).isEmpty();
        assertThat(new Authenticator(reloaded::users, Optional.empty()).authenticate("admin", "hunter2")
                .succeeded()).isTrue();
        assertThat(new Authenticator(reloaded::users, Optional.empty()).authenticate("ro", "readonly")
                .succeeded()).isTrue();
    }

    @Test
    void plaintextWarningNamesTheUserNeverThePassword() throws Exception {
        Path file = write("[{\"username\": \"carol\", \"password\": \"Tr0ub4dor&3\", \"perms\": [\"*:read\"]}]");

        List<String> lines;
        try (LogCapture log = new LogCapture(UsersFile.class)) {
            UsersFile users = UsersFile.load(file);
            users.rewriteHashed();
            users.add("dave", "dav3-secret", List.of(Permission.ADMIN));
            users.passwd("dave", "n3w-secret");
            lines = log.lines();
        }

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("WARN ").contains("'carol'")
                .contains("plaintext password"));
        assertThat(String.join("\n", lines)).doesNotContain("Tr0ub4dor", "dav3-secret", "n3w-secret", "$argon2");
    }

    @Test
    void savedFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = write("[]");
        UsersFile.load(file).add("bob", "pw", List.of(Permission.ADMIN));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void addRemovePasswdList() throws Exception {
        Path file = dir.resolve("data/users.json");
        UsersFile users = UsersFile.loadOrEmpty(file);

        users.add("alice", "one", List.of(Permission.parse("cart:read")));
        users.add("bob", "two", List.of(Permission.ADMIN));
        users.passwd("alice", "three");
        users.remove("bob");

        UsersFile reloaded = UsersFile.load(file);
        assertThat(reloaded.list()).containsExactly(new User("alice", List.of(Permission.parse("cart:read"))));
        Authenticator authenticator = new Authenticator(reloaded::users, Optional.empty());
        assertThat(authenticator.authenticate("alice", "three").succeeded()).isTrue();
        assertThat(authenticator.authenticate("alice", "one").succeeded()).isFalse();
    }

    @Test
    void refusesToAddAnExistingUserOrChangeAMissingOne() throws Exception {
        UsersFile users = UsersFile.loadOrEmpty(dir.resolve("users.json"));
        users.add("alice", "one", List.of(Permission.ADMIN));

        assertThatThrownBy(() -> users.add("alice", "two", List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessage("user 'alice' already exists");
        assertThatThrownBy(() -> users.remove("carol"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no user 'carol'");
        assertThatThrownBy(() -> users.passwd("carol", "x"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("no user 'carol'");
        assertThatThrownBy(() -> users.add("with space", "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid username 'with space'");
    }

    @Test
    void createDefaultIfMissingMakesAnAdminOnce() throws Exception {
        Path file = dir.resolve("data/users.json");

        Optional<String> password = UsersFile.createDefaultIfMissing(file);

        assertThat(password).get().asString().matches("[A-Za-z0-9]{20}");
        UsersFile users = UsersFile.load(file);
        assertThat(users.list()).containsExactly(new User("admin", List.of(Permission.ADMIN)));
        assertThat(Files.readString(file)).doesNotContain(password.get());
        assertThat(new Authenticator(users::users, Optional.empty()).authenticate("admin", password.get())
                .succeeded()).isTrue();
        assertThat(UsersFile.createDefaultIfMissing(file)).isEmpty();
    }

    @Test
    void generatedPasswordsDiffer() {
        assertThat(UsersFile.generatePassword()).isNotEqualTo(UsersFile.generatePassword());
    }

    @Test
    void rendersOneUserPerLineInTheOriginalShape() throws Exception {
        UsersFile users = UsersFile.loadOrEmpty(dir.resolve("users.json"));
        users.add("a", "x", List.of(Permission.ADMIN));
        users.add("b", "y", List.of(Permission.parse("cart:read"), Permission.parse("*:write")));

        List<String> lines = Files.readAllLines(users.path());

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(1)).matches("  \\{\"username\": \"a\", \"password\": \"\\$argon2id\\$[^\"]+\", \"perms\": \\[\"ADMIN\"\\]},");
        assertThat(lines.get(2)).endsWith("\"perms\": [\"cart:read\", \"*:write\"]}");
        assertThat(lines.get(3)).isEqualTo("]");
    }

    // --- malformed files: every message names the entry and what would be valid ---

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> UsersFile.load(file))
                .isInstanceOf(UsersFileException.class).hasMessage(file + ": no such file");
    }

    @Test
    void notJsonGivesThePositionButNeverTheText() throws Exception {
        Path file = write("[{\"username\": \"a\", \"password\": hunter2, \"perms\": []}]");
        assertThatThrownBy(() -> UsersFile.load(file))
                .hasMessageStartingWith(file + ": is not valid JSON at line 1, column ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void notAnArray() throws Exception {
        Path file = write("{\"username\": \"a\"}");
        assertThatThrownBy(() -> UsersFile.load(file)).hasMessageContaining("must be a JSON array of users");
    }

    @Test
    void entryNotAnObject() throws Exception {
        assertThat(problems("[\"admin\"]"))
                .containsExactly("entry [0]: must be an object with username, password, perms");
    }

    @Test
    void missingFields() throws Exception {
        assertThat(problems("[{\"username\": \"bob\"}]")).containsExactly(
                "entry [0] 'bob': password is missing or not a string (expected a password or an $argon2id$ hash)",
                "entry [0] 'bob': perms is missing or not a list (expected a list of ADMIN, <namespace>:read,"
                        + " <namespace>:write, *:read or *:write, where a namespace is 1-64 ASCII letters or digits)");
        assertThat(problems("[{\"password\": \"x\", \"perms\": []}]")).containsExactly(
                "entry [0]: username is missing or not a string (expected 1-64 characters without spaces or"
                        + " control characters)");
    }

    @Test
    void emptyUsername() throws Exception {
        assertThat(problems("[{\"username\": \"\", \"password\": \"x\", \"perms\": []}]")).containsExactly(
                "entry [0] '': username is empty (expected 1-64 characters without spaces or control characters)");
    }

    @Test
    void usernameWithSpaceOrLineBreak() throws Exception {
        assertThat(problems("[{\"username\": \"a b\", \"password\": \"x\", \"perms\": []},"
                + " {\"username\": \"c\\nd\", \"password\": \"x\", \"perms\": []}]")).containsExactly(
                "entry [0] 'a b': invalid username (expected 1-64 characters without spaces or control characters)",
                "entry [1] 'c\\u000ad': invalid username (expected 1-64 characters without spaces or control characters)");
    }

    @Test
    void duplicateUsername() throws Exception {
        assertThat(problems("[{\"username\": \"a\", \"password\": \"x\", \"perms\": []},"
                + " {\"username\": \"b\", \"password\": \"x\", \"perms\": []},"
                + " {\"username\": \"a\", \"password\": \"y\", \"perms\": []}]")).containsExactly(
                "entry [2] 'a': duplicate username (already used by entry [0]; each username may appear once)");
    }

    @Test
    void unknownPermAndInvalidNamespace() throws Exception {
        assertThat(problems("[{\"username\": \"a\", \"password\": \"x\", \"perms\": [\"cart:rw\", \"my-ns:read\", 7]}]"))
                .containsExactly(
                        "entry [0] 'a': unknown permission 'cart:rw' (expected ADMIN, <namespace>:read,"
                                + " <namespace>:write, *:read or *:write, where a namespace is 1-64 ASCII letters or digits)",
                        "entry [0] 'a': invalid namespace 'my-ns' in permission 'my-ns:read' (a namespace is"
                                + " 1-64 ASCII letters or digits, or * for all)",
                        "entry [0] 'a': perms: 7 is not a string (expected ADMIN, <namespace>:read,"
                                + " <namespace>:write, *:read or *:write, where a namespace is 1-64 ASCII letters or digits)");
    }

    @Test
    void unknownFieldCatchesTypos() throws Exception {
        assertThat(problems("[{\"username\": \"a\", \"password\": \"x\", \"perm\": [\"ADMIN\"]}]")).contains(
                "entry [0] 'a': unknown field 'perm' (expected username, password, perms)");
    }

    @Test
    void repeatedField() throws Exception {
        Path file = write("[{\"username\": \"a\", \"username\": \"b\", \"password\": \"x\", \"perms\": []}]");
        assertThatThrownBy(() -> UsersFile.load(file))
                .hasMessageStartingWith(file + ": a user entry repeats a field at line 1")
                .hasMessageContaining("Duplicate field 'username'");
    }

    @Test
    void emptyPassword() throws Exception {
        assertThat(problems("[{\"username\": \"a\", \"password\": \"\", \"perms\": []}]")).containsExactly(
                "entry [0] 'a': password is empty (expected a password or an $argon2id$ hash)");
    }

    @Test
    void passwordThatLooksLikeATokenCouldNeverLogIn() throws Exception {
        assertThat(problems("[{\"username\": \"a\", \"password\": \"jwt:abc\", \"perms\": []}]")).containsExactly(
                "entry [0] 'a': password starts with 'jwt:', which marks a token at login, so it could never"
                        + " be used; choose another");
        UsersFile users = UsersFile.loadOrEmpty(dir.resolve("other.json"));
        assertThatThrownBy(() -> users.add("a", "jwt:x", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not start with 'jwt:'");
    }

    @Test
    void damagedHashIsAnErrorNotAPassword() throws Exception {
        assertThat(problems("[{\"username\": \"a\", \"password\": \"$argon2id$v=19$m=19456,t=2,p=1$abc\","
                + " \"perms\": []}]")).singleElement().asString()
                .startsWith("entry [0] 'a': password: malformed or out-of-range argon2id hash");
        assertThat(problems("[{\"username\": \"a\", \"password\": \"$2b$10$abc\", \"perms\": []}]"))
                .singleElement().asString()
                .startsWith("entry [0] 'a': password: unsupported hash scheme");
    }

    @Test
    void everyProblemIsReportedAtOnceInOneLine() throws Exception {
        Path file = write("[{\"username\": \"a\", \"password\": \"x\", \"perms\": [\"bad\"]},"
                + " {\"username\": \"b\", \"perms\": [\"ADMIN\"]}]");
        assertThatThrownBy(() -> UsersFile.load(file))
                .hasMessageContaining("entry [0] 'a': unknown permission 'bad'")
                .hasMessageContaining("; entry [1] 'b': password is missing")
                .hasMessageNotContaining("\n");
    }

    private List<String> problems(String json) throws IOException {
        Path file = write(json);
        try {
            UsersFile.load(file);
        } catch (UsersFileException e) {
            return e.problems();
        }
        throw new AssertionError("expected " + json + " to be refused");
    }

    private Path write(String json) throws IOException {
        Path file = dir.resolve("users.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
