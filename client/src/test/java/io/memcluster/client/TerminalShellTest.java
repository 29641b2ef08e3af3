package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.config.NodeConfig;
import io.memcluster.config.PlainConfig;
import io.memcluster.server.RunningNode;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell as a person meets it, on a terminal: completion with TAB, Ctrl-C and
 * Ctrl-D, the masked password prompt, the history file and FLUSH NAMESPACE's question.
 */
class TerminalShellTest {

    private static RunningNode node;
    private static RunningNode withLogin;
    /** withLogin's plaintext port, where a password login from loopback is accepted. */
    private static int loginPort;

    @TempDir
    static Path loginDataDir;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        node = RunningNode.start();
        TestUsers.add(loginDataDir, "admin", "s3cret", "ADMIN");
        NodeConfig config = RunningNode.secureConfig(loginDataDir);
        withLogin = RunningNode.start(config.withPlain(new PlainConfig(RunningNode.freePort(), false)), Clock.system());
        loginPort = withLogin.plainPort();
    }

    @AfterAll
    static void stop() {
        withLogin.close();
        node.close();
    }

    private TerminalSession shell(Map<String, String> env, String... options) throws Exception {
        String[] args = new String[options.length + 3];
        args[0] = "--plain";
        args[1] = "-p";
        args[2] = Integer.toString(node.port());
        System.arraycopy(options, 0, args, 3, options.length);
        return new TerminalSession(home, env, args);
    }

    @Test
    void tabCompletesCommandsAndNamespaces() throws Exception {
        new CliRun(home).run("--plain", "-p", Integer.toString(node.port()), "set", "termorders.1", "first");
        try (TerminalSession t = shell(Map.of())) {
            t.awaitScreen("HELP lists the commands; Ctrl-D leaves.");
            t.type("SHOW NAMESP\t\r");
            t.awaitScreen("NAMESPACE ");
            assertThat(t.screen()).contains("termorders");
            t.type("use termord\t\r");
            t.awaitScreen("using namespace termorders");
            t.awaitScreen("127.0.0.1:" + node.port() + "/termorders> ");
            t.type("get 1\r");
            t.awaitScreen("first");
            t.type("\u0004");
            assertThat(t.awaitExit()).isZero();
        }
    }

    @Test
    void ctrlCDropsTheLineBeingTypedAndCtrlDLeaves() throws Exception {
        new CliRun(home).run("--plain", "-p", Integer.toString(node.port()), "set", "termkeys.k", "kept");
        try (TerminalSession t = shell(Map.of())) {
            t.awaitScreen("HELP lists the commands");
            t.type("DELETE termkeys.k");
            t.awaitScreen("DELETE termkeys.k");
            t.type("\u0003");
            // a person types on once the fresh prompt is there; keys typed earlier may reach the
            // old line before the interrupt does
            t.awaitScreen("127.0.0.1:" + node.port() + "> ", 2);
            t.type("GET termkeys.k\r");
            t.awaitScreen("kept");
            t.type("\u0004");
            assertThat(t.awaitExit()).isZero();
            assertThat(t.screen()).doesNotContain("deleted");
        }
        assertThat(new CliRun(home).run("--plain", "-p", Integer.toString(node.port()), "get", "termkeys.k").out())
                .isEqualTo("kept\n");
    }

    @Test
    void thePasswordIsAskedWithoutEchoAndKeptOutOfTheHistory() throws Exception {
        Path history = home.resolve("history");
        try (TerminalSession t = new TerminalSession(home, Map.of("MEMCLUSTER_HISTORY", history.toString()),
                "--plain", "-p", Integer.toString(loginPort), "-u", "admin")) {
            t.awaitScreen("Password for admin@127.0.0.1:" + loginPort + ": ");
            t.type("s3cret\r");
            t.awaitScreen("Connected to 127.0.0.1:" + loginPort + " as admin");
            t.type("set termhist.k v\r");
            t.awaitScreen("stored");
            // a USER line may carry a password; this one is a usage error, whatever the server supports
            t.type("user frobnicate s3cret\r");
            t.awaitScreen("USER frobnicate?");
            t.type("quit\r");
            assertThat(t.awaitExit()).isZero();
            assertThat(t.screen()).doesNotContain("s3cret\r\n").contains("admin@127.0.0.1:" + loginPort + "> ");
            // the only s3cret on screen is the one typed into the USER line, which is echoed
            assertThat(TerminalSession.count(t.screen(), "s3cret")).isEqualTo(1);
        }
        String saved = Files.readString(history);
        assertThat(saved).contains("set termhist.k v").contains("quit").doesNotContain("s3cret")
                .doesNotContain("frobnicate");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
    }

    @Test
    void userAddAsksForTheNewPasswordTwiceWithoutEchoAndKeepsItOutOfTheHistory() throws Exception {
        Path history = home.resolve("history");
        try (TerminalSession t = new TerminalSession(home, Map.of("MEMCLUSTER_HISTORY", history.toString(),
                "MEMCLUSTER_PASSWORD", "s3cret"), "--plain", "-p", Integer.toString(loginPort), "-u", "admin")) {
            t.awaitScreen("Connected to 127.0.0.1:" + loginPort + " as admin");
            t.type("user add termdave cart:read\r");
            t.awaitScreen("New password for termdave: ");
            t.type("d4ve one\r");
            t.awaitScreen("Again: ");
            t.type("d4ve two\r");
            t.awaitScreen("the two passwords differ; nothing changed");
            t.type("user add termdave cart:read\r");
            t.awaitScreen("New password for termdave: ", 2);
            t.type("d4ve pass\r");
            t.awaitScreen("Again: ", 2);
            t.type("d4ve pass\r");
            t.awaitScreen("added user 'termdave' with cart:read");
            t.type("users\r");
            t.awaitScreen("termdave");
            t.type("quit\r");
            assertThat(t.awaitExit()).isZero();
            assertThat(t.screen()).doesNotContain("d4ve");
        }
        assertThat(Files.readString(history)).contains("users").doesNotContain("d4ve").doesNotContain("termdave");
        CliRun.Result dave = new CliRun(home).env("MEMCLUSTER_PASSWORD", "d4ve pass")
                .run("--plain", "-p", Integer.toString(loginPort), "-u", "termdave", "get", "cart.none");
        assertThat(dave.err()).as(dave.toString()).isEqualTo("not found\n");
    }

    @Test
    void aWrongPasswordEndsTheShellBeforeItsFirstPrompt() throws Exception {
        try (TerminalSession t = new TerminalSession(home, Map.of("MEMCLUSTER_PASSWORD", "wrong"),
                "--plain", "-p", Integer.toString(loginPort), "-u", "admin")) {
            assertThat(t.awaitExit()).isEqualTo(3);
            assertThat(t.screen()).contains("login refused for user 'admin': wrong username or password")
                    .doesNotContain("Connected to");
        }
    }

    @Test
    void flushNamespaceAsksFirst() throws Exception {
        new CliRun(home).runWithInput("set termflush.a 1\nset termflush.b 2\n", "--plain", "-p",
                Integer.toString(node.port()));
        try (TerminalSession t = shell(Map.of(), "-n", "termflush")) {
            t.awaitScreen("HELP lists the commands");
            t.type("flush namespace\r");
            t.awaitScreen("delete every key of namespace termflush? [y/N] ");
            t.type("n\r");
            t.awaitScreen("nothing deleted");
            t.type("count\r");
            t.awaitScreen("/termflush> ", 3);
            assertThat(t.plainScreen()).contains("> count\n2\n");
            t.type("flush namespace\r");
            t.awaitScreen("[y/N] ", 2);
            t.type("y\r");
            t.awaitScreen("flushed namespace termflush");
            t.type("\u0004");
            assertThat(t.awaitExit()).isZero();
        }
    }
}
