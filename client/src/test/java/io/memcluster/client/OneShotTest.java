package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memcluster.server.RunningNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/memcluster cli <command>} against a real node: what a script sees on stdout and
 * stderr, and the exit codes it branches on (0 done, 1 not done, 2 usage, 3 connection).
 */
class OneShotTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningNode node;

    @TempDir
    Path home;

    @BeforeAll
    static void startNode() {
        node = RunningNode.start();
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    private CliRun.Result cli(String... command) {
        String[] args = new String[command.length + 4];
        args[0] = "--plain";
        args[1] = "-p";
        args[2] = Integer.toString(node.port());
        args[3] = "-H127.0.0.1";
        System.arraycopy(command, 0, args, 4, command.length);
        return new CliRun(home).run(args);
    }

    @Test
    void putThenGetPrintsOnlyTheValueAndExitsZero() {
        assertThat(cli("put", "oneshot.a", "hello world")).satisfies(r -> {
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).isEqualTo("stored\n");
        });
        CliRun.Result get = cli("get", "oneshot.a");
        assertThat(get.exit()).as(get.toString()).isZero();
        assertThat(get.out()).isEqualTo("hello world\n");
        assertThat(get.err()).isEmpty();
    }

    @Test
    void notFoundAndNotStoredExitOneWithTheReasonOnStderr() {
        CliRun.Result missing = cli("get", "oneshot.missing");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).isEqualTo("not found\n");

        assertThat(cli("put", "oneshot.twice", "1").exit()).isZero();
        CliRun.Result again = cli("put", "oneshot.twice", "2");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("not stored: the key exists already (UPDATE or SET replace it)\n");
        CliRun.Result update = cli("update", "oneshot.absent", "2");
        assertThat(update.exit()).isEqualTo(1);
        assertThat(update.err()).startsWith("not stored: the key does not exist");
        assertThat(cli("delete", "oneshot.absent").exit()).isEqualTo(1);
        assertThat(cli("has", "oneshot.absent")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).isEqualTo("no\n");
        });
        assertThat(cli("has", "oneshot.twice").out()).isEqualTo("yes\n");
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndNoStackTrace() {
        CliRun.Result unknown = cli("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("unknown command 'frobnicate' (HELP lists the commands)\n");
        CliRun.Result badOption = new CliRun(home).run("--no-such-option");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.err()).contains("Unknown option: '--no-such-option'");
        CliRun.Result badNamespace = new CliRun(home).run("--plain", "-n", "not.valid", "count");
        assertThat(badNamespace.exit()).isEqualTo(2);
        assertThat(badNamespace.err()).contains("invalid namespace 'not.valid'");
        assertThat(unknown.err() + badOption.err() + badNamespace.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void noServerExitsThree() {
        int closedPort = RunningNode.freePort();
        CliRun.Result result = new CliRun(home).run("--plain", "-p", Integer.toString(closedPort), "get", "k");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).isEqualTo("cannot connect to 127.0.0.1:" + closedPort
                + ": connection refused (is the server running on that port?)\n");
    }

    @Test
    void namespaceOptionPrefixesKeysAndCountSeesThem() {
        assertThat(cli("-n", "shots", "set", "1", "a").exit()).isZero();
        // options must come first: after the command everything is the command's
        CliRun.Result r = new CliRun(home).run("--plain", "-p", Integer.toString(node.port()), "-n", "shots", "set", "2",
                "b", "TTL", "600");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(cli("get", "shots.2").out()).isEqualTo("b\n");
        assertThat(cli("-n", "shots", "count").out()).isEqualTo("2\n");
    }

    @Test
    void arithmeticAndTouch() {
        assertThat(cli("set", "oneshot.hits", "41").exit()).isZero();
        assertThat(cli("incr", "oneshot.hits").out()).isEqualTo("42\n");
        assertThat(cli("decr", "oneshot.hits", "50").out()).isEqualTo("0\n");
        CliRun.Result text = cli("incr", "oneshot.a-text", "1");
        assertThat(text.exit()).isEqualTo(1);
        assertThat(cli("set", "oneshot.word", "abc").exit()).isZero();
        assertThat(cli("incr", "oneshot.word").err()).isEqualTo("the value is not a decimal number\n");
        assertThat(cli("touch", "oneshot.hits", "60").out()).isEqualTo("touched\n");
        assertThat(cli("touch", "oneshot.nothing", "60").exit()).isEqualTo(1);
    }

    @Test
    void binaryValuesPrintEscapedWithTheirSize() {
        assertThat(cli("set", "oneshot.bin", "\u001b[2J").exit()).isZero();
        assertThat(cli("get", "oneshot.bin").out()).isEqualTo("\"\\x1b[2J\" (4 bytes)\n");
    }

    @Test
    void jsonOutputParsesBack() throws Exception {
        assertThat(cli("set", "jsonshot.k", "v1").exit()).isZero();
        JsonNode get = JSON.readTree(cli("--json", "get", "jsonshot.k").out());
        assertThat(get.get("command").asText()).isEqualTo("get");
        assertThat(get.get("ok").asBoolean()).isTrue();
        assertThat(get.get("exit").asInt()).isZero();
        assertThat(get.get("key").asText()).isEqualTo("jsonshot.k");
        assertThat(get.get("value").asText()).isEqualTo("v1");
        assertThat(get.get("size").asInt()).isEqualTo(2);

        CliRun.Result missing = cli("--json", "get", "jsonshot.none");
        assertThat(missing.exit()).isEqualTo(1);
        JsonNode miss = JSON.readTree(missing.out());
        assertThat(miss.get("ok").asBoolean()).isFalse();
        assertThat(miss.get("found").asBoolean()).isFalse();
        assertThat(miss.get("error").asText()).isEqualTo("not found");

        JsonNode namespaces = JSON.readTree(cli("--json", "show", "namespaces").out());
        assertThat(namespaces.get("namespaces").findValuesAsText("name")).contains("jsonshot");

        JsonNode stats = JSON.readTree(cli("--json", "stats").out());
        assertThat(stats.get("stats").get("pid").isNumber()).isTrue();
        assertThat(stats.get("stats").get("version").asText()).contains("memcluster");

        JsonNode usage = JSON.readTree(cli("--json", "get").out());
        assertThat(usage.get("exit").asInt()).isEqualTo(2);
        assertThat(usage.get("error").asText()).startsWith("GET: missing words");
    }

    @Test
    void helpNeedsNoServer() {
        CliRun.Result help = new CliRun(home).run("--plain", "-p", Integer.toString(RunningNode.freePort()), "help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("PUT key value [TTL seconds]", "SHOW KEYS [pattern]", "FLUSH NAMESPACE");
        assertThat(new CliRun(home).run("--plain", "help", "put").out())
                .isEqualTo("PUT key value [TTL seconds]\n  store a value only if the key is absent (memcached add)\n");
    }
}
