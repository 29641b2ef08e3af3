package io.memcluster.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.auth.AuthResult;
import io.memcluster.auth.Authenticator;
import io.memcluster.auth.TokenSecret;
import io.memcluster.auth.TokenVerifier;
import io.memcluster.auth.UsersFile;
import io.memcluster.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command as the launcher does, against a users file in a temporary folder. */
class UsersCommandTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private Path file;
    private final Map<String, String> env = new HashMap<>();
    private PasswordPrompt prompt; // null: no terminal, as under CI
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() {
        file = dir.resolve("data/users.json");
    }

    @Test
    void addThenListShowsPermissionsButNoSecret() throws Exception {
        assertThat(users("add", "shop", "--perm", "cart:write", "--perm", "*:read", "--password", "s3cret"))
                .isZero();
        assertThat(out()).contains("Added user 'shop' with cart:write *:read");
        assertThat(users("add", "root", "--perm", "ADMIN", "--password", "r00t")).isZero();

        assertThat(users("list")).isZero();

        assertThat(out()).isEqualTo("shop  cart:write *:read\nroot  ADMIN\n");
        assertThat(Files.readString(file)).doesNotContain("s3cret").contains("$argon2id$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(login("shop", "s3cret")).isTrue();
    }

    @Test
    void fileOptionWorksBeforeOrAfterTheSubcommand() throws Exception {
        Path other = dir.resolve("other.json");
        assertThat(UsersCommand.run(new String[] {"--file", other.toString(), "add", "a", "--perm", "ADMIN",
                "--password", "x"}, env, null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(UsersFile.load(other).list()).hasSize(1);
    }

    /** The folder up and the coordinator were given, whose users.json the coordinator reads. */
    @Test
    void dataDirOptionNamesTheUsersFileInThatFolder() throws Exception {
        Path cluster = dir.resolve("cluster-data");
        assertThat(UsersCommand.run(new String[] {"add", "reader", "--perm", "cart:read", "--password", "x",
                "--data-dir", cluster.toString()}, env, null, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()))).isZero();
        assertThat(UsersFile.load(cluster.resolve("users.json")).list()).hasSize(1);
    }

    @Test
    void relativePathsAreTakenFromWhereTheLauncherWasRun() throws Exception {
        env.put("MEMCLUSTER_CALLER_DIR", dir.toString());
        assertThat(UsersCommand.run(new String[] {"add", "a", "--perm", "ADMIN", "--password", "x", "--data-dir",
                "relative"}, env, null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
                .isZero();
        assertThat(UsersFile.load(dir.resolve("relative/users.json")).list()).hasSize(1);
    }

    @Test
    void fileAndDataDirTogetherAreAUsageError() throws Exception {
        assertThat(users("list", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--file and --data-dir both name the users file");
    }

    @Test
    void passwordFromEnvironment() throws Exception {
        env.put("MEMCLUSTER_PASSWORD", "from-env");

        assertThat(users("add", "bob", "--perm", "ADMIN")).isZero();

        assertThat(login("bob", "from-env")).isTrue();
        assertThat(out()).doesNotContain("from-env");
    }

    @Test
    void withoutTerminalOrPasswordOneIsGeneratedAndPrintedOnce() throws Exception {
        assertThat(users("add", "bob", "--perm", "ADMIN")).isZero();

        String printed = out().lines().filter(l -> l.startsWith("Generated password for 'bob'"))
                .findFirst().orElseThrow();
        String password = printed.substring(printed.lastIndexOf(' ') + 1);
        assertThat(password).matches("[A-Za-z0-9]{20}");
        assertThat(login("bob", password)).isTrue();
    }

    @Test
    void passwordTypedTwiceAtTheTerminal() throws Exception {
        typed("typed-pw", "typed-pw");

        assertThat(users("add", "bob", "--perm", "ADMIN")).isZero();

        assertThat(login("bob", "typed-pw")).isTrue();
    }

    @Test
    void mismatchedConfirmationChangesNothing() throws Exception {
        typed("one", "two");

        assertThat(users("add", "bob", "--perm", "ADMIN")).isEqualTo(1);

        assertThat(err()).contains("the two passwords differ");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void addingAnExistingUserIsRefused() throws Exception {
        users("add", "bob", "--perm", "ADMIN", "--password", "x");

        assertThat(users("add", "bob", "--perm", "*:read", "--password", "y")).isEqualTo(1);

        assertThat(err()).contains("user 'bob' already exists").contains("users passwd bob");
        assertThat(login("bob", "x")).isTrue();
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        assertThat(users("add", "bob", "--password", "x")).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--perm=PERM'");

        assertThat(users("add", "bob", "--perm", "cart:rw", "--password", "x")).isEqualTo(2);
        assertThat(err()).contains("unknown permission 'cart:rw'").contains("ADMIN, <namespace>:read");

        assertThat(users("add", "bo b", "--perm", "ADMIN", "--password", "x")).isEqualTo(2);
        assertThat(err()).contains("invalid username 'bo b'");

        assertThat(users()).isEqualTo(2);
        assertThat(err()).contains("a subcommand is required");

        assertThat(users("frobnicate")).isEqualTo(2);
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void unwritableFolderIsRefusedWithTheReason() throws Exception {
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "");
        file = blocker.resolve("users.json");

        assertThat(users("add", "bob", "--perm", "ADMIN", "--password", "x")).isEqualTo(1);

        assertThat(err()).isEqualTo("memcluster users: cannot use " + blocker + ": exists and is not a folder\n");
    }

    @Test
    void removeAndRemoveAgain() throws Exception {
        users("add", "bob", "--perm", "ADMIN", "--password", "x");

        assertThat(users("remove", "bob")).isZero();
        assertThat(users("remove", "bob")).isEqualTo(1);

        assertThat(err()).contains("no user 'bob'");
        assertThat(UsersFile.load(file).list()).isEmpty();
    }

    @Test
    void passwdReplacesThePassword() throws Exception {
        users("add", "bob", "--perm", "ADMIN", "--password", "old");

        assertThat(users("passwd", "bob", "--password", "new")).isZero();
        assertThat(users("passwd", "carol", "--password", "new")).isEqualTo(1);

        assertThat(login("bob", "new")).isTrue();
        assertThat(login("bob", "old")).isFalse();
    }

    @Test
    void commandsOtherThanAddNeedAnExistingFile() throws Exception {
        assertThat(users("list")).isEqualTo(1);
        assertThat(err()).contains("users.json: no such file");
    }

    @Test
    void brokenFileIsRefusedWithTheEntryNamed() throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "[{\"username\": \"bob\", \"password\": \"x\", \"perms\": [\"god\"]}]");

        assertThat(users("list")).isEqualTo(1);

        assertThat(err()).contains("entry [0] 'bob': unknown permission 'god'");
    }

    @Test
    void tokenLogsItsUserIn() throws Exception {
        users("add", "bob", "--perm", "cart:read", "--password", "x");
        env.put("MEMCLUSTER_TOKEN_SECRET", SECRET);

        assertThat(users("token", "bob", "--ttl", "7d")).isZero();

        String token = out().strip();
        assertThat(new TokenVerifier(TokenSecret.of(SECRET), Clock.system()).verify(token).username()).isEqualTo("bob");
        assertThat(login("bob", "jwt:" + token)).isTrue();
    }

    @Test
    void tokenSecretFromOptionWins() throws Exception {
        users("add", "bob", "--perm", "cart:read", "--password", "x");
        env.put("MEMCLUSTER_TOKEN_SECRET", "x".repeat(40));

        assertThat(users("token", "bob", "--secret", SECRET)).isZero();

        assertThat(new TokenVerifier(TokenSecret.of(SECRET), Clock.system()).verify(out().strip()).username()).isEqualTo("bob");
    }

    @Test
    void tokenRefusals() throws Exception {
        users("add", "bob", "--perm", "cart:read", "--password", "x");

        assertThat(users("token", "bob")).isEqualTo(2);
        assertThat(err()).contains("no token secret: pass --secret or set MEMCLUSTER_TOKEN_SECRET");

        assertThat(users("token", "bob", "--secret", "short")).isEqualTo(2);
        assertThat(err()).contains("--secret is 5 bytes long; it must be at least 32");

        assertThat(users("token", "bob", "--secret", SECRET, "--ttl", "soon")).isEqualTo(2);
        assertThat(err()).contains("'soon' is not a duration");

        assertThat(users("token", "carol", "--secret", SECRET)).isEqualTo(1);
        assertThat(err()).contains("no user 'carol'");
    }

    private int users(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] withFile = new String[args.length + 2];
        System.arraycopy(args, 0, withFile, 0, args.length);
        withFile[args.length] = "--file";
        withFile[args.length + 1] = file.toString();
        if (args.length == 0 || args[0].startsWith("-")) {
            withFile = args; // no subcommand: an inherited option would have nothing to attach to
        }
        return UsersCommand.run(withFile, env, prompt, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String out() {
        return out.toString();
    }

    private String err() {
        return err.toString();
    }

    private void typed(String... answers) {
        Deque<String> queue = new ArrayDeque<>(List.of(answers));
        prompt = p -> queue.isEmpty() ? null : queue.pop().toCharArray();
    }

    private boolean login(String username, String secret) throws Exception {
        Authenticator authenticator = new Authenticator(UsersFile.load(file)::users,
                Optional.of(new TokenVerifier(TokenSecret.of(SECRET), Clock.system())));
        AuthResult result = authenticator.authenticate(username, secret);
        return result.succeeded();
    }
}
