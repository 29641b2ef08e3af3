package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * USERS and USER ADD/REMOVE/PASSWD from the CLI, through a node with TLS and logins: what an
 * ADMIN does is in force for the next login at once, the password never travels on the command
 * line, and everyone else is refused with one line.
 */
class UserAdministrationCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GENERATED = Pattern.compile("generated password for 'carol' \\(shown only now\\): (\\S+)");

    @TempDir
    Path dataDir;

    @TempDir
    Path home;

    private RunningNode node;

    @BeforeEach
    void start() {
        TestUsers.add(dataDir, "admin", "s3cret", "ADMIN");
        TestUsers.add(dataDir, "reader", "r3ad", "cart:read");
        node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private CliRun.Result as(String user, String password, String... command) {
        return withNewPassword(null, user, password, command);
    }

    /** With MEMCLUSTER_NEW_PASSWORD set, as a script gives USER ADD/PASSWD their password. */
    private CliRun.Result withNewPassword(String newPassword, String user, String password, String... command) {
        String[] args = new String[command.length + 6];
        args[0] = "-p";
        args[1] = Integer.toString(node.port());
        args[2] = "--ca";
        args[3] = TestTls.ca(dataDir).toString();
        args[4] = "-u";
        args[5] = user;
        System.arraycopy(command, 0, args, 6, command.length);
        CliRun run = new CliRun(home).env("MEMCLUSTER_PASSWORD", password);
        if (newPassword != null) {
            run.env("MEMCLUSTER_NEW_PASSWORD", newPassword);
        }
        return run.run(args);
    }

    @Test
    void anAdminAddsAUserWhoCanLogInAtOnceWithJustThosePermissions() {
        CliRun.Result add = withNewPassword("b0b pass", "admin", "s3cret", "user", "add", "bob", "cart:write", "orders:read");
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.out()).isEqualTo("added user 'bob' with cart:write orders:read\n");

        assertThat(as("bob", "b0b pass", "put", "cart.1", "x").exit()).isZero();
        CliRun.Result denied = as("bob", "b0b pass", "put", "orders.1", "x");
        assertThat(denied.exit()).isEqualTo(3);
        assertThat(denied.err()).isEqualTo("permission denied: cannot write namespace orders\n");

        CliRun.Result users = as("admin", "s3cret", "users");
        assertThat(users.exit()).as(users.toString()).isZero();
        assertThat(users.out()).contains("USER", "PERMISSIONS").containsPattern("admin +ADMIN")
                .containsPattern("reader +cart:read").containsPattern("bob +cart:write orders:read");
    }

    @Test
    void withoutATerminalOrAPasswordInTheEnvironmentOneIsGeneratedAndShownOnce() throws Exception {
        CliRun.Result add = as("admin", "s3cret", "user", "add", "carol", "cart:read");
        assertThat(add.exit()).as(add.toString()).isZero();
        Matcher shown = GENERATED.matcher(add.out());
        assertThat(shown.find()).as(add.out()).isTrue();

        assertThat(as("carol", shown.group(1), "get", "cart.none").err()).isEqualTo("not found\n");
        assertThat(Files.readString(dataDir.resolve("users.json"))).doesNotContain(shown.group(1));
    }

    @Test
    void jsonListsUsersAndReportsChanges() throws Exception {
        JsonNode users = JSON.readTree(as("admin", "s3cret", "--json", "users").out());
        assertThat(users.get("ok").asBoolean()).isTrue();
        assertThat(users.get("users").findValuesAsText("username")).containsExactly("admin", "reader");
        assertThat(users.get("users").get(1).get("permissions").get(0).asText()).isEqualTo("cart:read");

        JsonNode added = JSON.readTree(as("admin", "s3cret", "--json", "user", "add", "dan", "*:read").out());
        assertThat(added.get("exit").asInt()).isZero();
        assertThat(added.get("generated_password").asText()).hasSize(20);
    }

    @Test
    void aNewPasswordReplacesTheOldOne() {
        CliRun.Result passwd = withNewPassword("n3w one", "admin", "s3cret", "user", "passwd", "reader");
        assertThat(passwd.exit()).as(passwd.toString()).isZero();
        assertThat(passwd.out()).isEqualTo("changed the password of user 'reader'\n");

        assertThat(as("reader", "r3ad", "get", "cart.1").exit()).isEqualTo(3);
        assertThat(as("reader", "n3w one", "get", "cart.1").exit()).isEqualTo(1);
    }

    @Test
    void removedUsersCannotLogInAndMissingOrTakenNamesExitOne() {
        assertThat(as("admin", "s3cret", "user", "remove", "reader").out()).isEqualTo("removed user 'reader'\n");
        CliRun.Result login = as("reader", "r3ad", "get", "cart.1");
        assertThat(login.exit()).isEqualTo(3);
        assertThat(login.err()).isEqualTo("login refused for user 'reader': wrong username or password\n");

        CliRun.Result again = as("admin", "s3cret", "user", "remove", "reader");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("no user 'reader' (USERS lists them)\n");
        CliRun.Result taken = withNewPassword("pw", "admin", "s3cret", "user", "add", "admin", "ADMIN");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).isEqualTo("user 'admin' already exists (USER PASSWD admin sets its password)\n");
        CliRun.Result last = as("admin", "s3cret", "user", "remove", "admin");
        assertThat(last.exit()).isEqualTo(1);
        assertThat(last.err()).isEqualTo("refused: user 'admin' is the last ADMIN; add another ADMIN first\n");
    }

    @Test
    void onlyAnAdminMayAndTheRefusalIsOneLine() {
        CliRun.Result users = as("reader", "r3ad", "users");
        assertThat(users.exit()).isEqualTo(3);
        assertThat(users.err()).isEqualTo("permission denied: only an ADMIN may manage users\n");
        assertThat(withNewPassword("pw", "reader", "r3ad", "user", "add", "x", "ADMIN").exit()).isEqualTo(3);
        assertThat(as("admin", "s3cret", "users").out()).doesNotContain(" x ");
    }

    @Test
    void mistakesAreUsageErrorsBeforeAnythingIsSent() {
        CliRun.Result noPermission = withNewPassword("pw", "admin", "s3cret", "user", "add", "bob");
        assertThat(noPermission.exit()).isEqualTo(2);
        assertThat(noPermission.err()).startsWith("USER ADD: give at least one permission: ADMIN, <namespace>:read");

        CliRun.Result badPermission = withNewPassword("pw", "admin", "s3cret", "user", "add", "bob", "cart:admin");
        assertThat(badPermission.exit()).isEqualTo(2);
        assertThat(badPermission.err()).startsWith("USER ADD: unknown permission 'cart:admin'");

        CliRun.Result passwordOnLine = as("admin", "s3cret", "user", "passwd", "reader", "secret");
        assertThat(passwordOnLine.exit()).isEqualTo(2);
        assertThat(passwordOnLine.err()).contains("the password is asked for, not written on the line");
        assertThat(as("reader", "r3ad", "get", "cart.1").exit()).as("unchanged").isEqualTo(1);
    }

    @Test
    void aServerWithoutUsersSaysSo() {
        try (RunningNode open = RunningNode.start()) {
            CliRun.Result users = new CliRun(home).run("--plain", "-p", Integer.toString(open.port()), "users");
            assertThat(users.exit()).isEqualTo(1);
            assertThat(users.err()).isEqualTo("server error: auth is off on this server: there are no users to manage\n");
        }
    }
}
