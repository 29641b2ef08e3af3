package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memcluster.server.RunningNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands piped into the CLI (standard input not a terminal): one a line, run in order, the
 * exit code the highest of them; the namespace statements against a real node.
 */
class ScriptModeTest {

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

    private CliRun.Result pipe(String input, String... options) {
        List<String> args = new ArrayList<>(List.of("--plain", "-p", Integer.toString(node.port())));
        args.addAll(List.of(options));
        return new CliRun(home).runWithInput(input, args.toArray(String[]::new));
    }

    @Test
    void runsEveryLineInItsNamespaceAndSkipsCommentsAndBlankLines() {
        CliRun.Result r = pipe("""
                # a comment
                USE carts

                put 42 "three items" TTL 600
                put 43 two
                get 42
                show keys 4*
                count
                """);
        assertThat(r.exit()).as(r.toString()).isZero();
        // SHOW KEYS streams in the server's order, which is not sorted
        assertThat(r.out()).matches("using namespace carts\nstored\nstored\nthree items\n(42\n43|43\n42)\n2\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void keepsGoingAfterAFailureAndExitsWithTheHighestCode() {
        CliRun.Result r = pipe("""
                get script1.none
                bogus
                set script1.k v
                get script1.k
                """);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEqualTo("stored\nv\n");
        assertThat(r.err()).isEqualTo("not found\nunknown command 'bogus' (HELP lists the commands)\n");
    }

    @Test
    void quitStopsReading() {
        CliRun.Result r = pipe("set script2.a 1\nquit\nset script2.b 2\n");
        assertThat(r.exit()).isZero();
        assertThat(pipe("has script2.b").out()).isEqualTo("no\n");
    }

    @Test
    void showDataListsKeysOfTheNamespaceOnlyWithSafeValues() {
        pipe("set shop.a apple\nset shop.b \"\\x00\\x01\"\nset shopping.c other\nset shopx yes\n");
        CliRun.Result r = pipe("use shop\nshow data\n");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out().lines().skip(1).sorted().toList())
                .containsExactly("a = apple", "b = \"\\0\\x01\" (2 bytes)");
    }

    @Test
    void flushNamespaceRemovesItsKeysAndNoOthers() {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            input.append("set gone.").append(i).append(" x\n");
        }
        input.append("set kept.1 y\nset gone_not_a_namespace_key z\n");
        assertThat(pipe(input.toString()).exit()).isZero();
        CliRun.Result flush = pipe("flush namespace gone\n");
        assertThat(flush.out()).as(flush.toString()).isEqualTo("flushed namespace gone\n");
        assertThat(pipe("count\n", "-n", "gone").out()).isEqualTo("0\n");
        assertThat(pipe("get kept.1\nget gone_not_a_namespace_key\n").out()).isEqualTo("y\nz\n");
        assertThat(pipe("flush namespace gone\n").out()).isEqualTo("namespace gone holds no keys\n");
    }

    @Test
    void jsonGivesOneObjectPerLineIncludingListings() throws Exception {
        CliRun.Result r = pipe("""
                use jsonscript
                set a 1
                set b "\\xff"
                show keys
                show data b
                show namespaces
                incr a 18446744073709551614
                get zzz
                """, "--json");
        assertThat(r.exit()).isEqualTo(1);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0).get("namespace").asText()).isEqualTo("jsonscript");
        assertThat(lines.get(3).get("command").asText()).isEqualTo("show keys");
        assertThat(lines.get(3).get("keys")).extracting(JsonNode::asText).containsExactlyInAnyOrder("a", "b");
        assertThat(lines.get(3).get("count").asInt()).isEqualTo(2);
        JsonNode item = lines.get(4).get("items").get(0);
        assertThat(item.get("key").asText()).isEqualTo("b");
        assertThat(item.get("value_base64").asText()).isEqualTo("/w==");
        assertThat(item.has("value")).isFalse();
        assertThat(lines.get(5).get("namespaces").findValuesAsText("name")).contains("jsonscript");
        assertThat(lines.get(6).get("value").bigIntegerValue()).hasToString("18446744073709551615");
        assertThat(lines.get(7).get("ok").asBoolean()).isFalse();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aPasswordIsNeededOnlyWhenTheServerAsksAndNeverStoredByOneThatDoesNot() {
        // this node has no logins: the CLI must not send the login set, which it would store
        CliRun.Result r = new CliRun(home).runWithInput("set script3.k v\n",
                "--plain", "-p", Integer.toString(node.port()), "-u", "admin", "--password", "s3cret");
        assertThat(r.exit()).as(r.toString()).isZero();
        CliRun.Result dump = pipe("show data\n");
        assertThat(dump.out()).doesNotContain("s3cret").doesNotContain("memcluster-login");
    }
}
