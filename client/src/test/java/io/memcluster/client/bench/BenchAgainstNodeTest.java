package io.memcluster.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memcluster.server.RunningNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bench against an in-process node: what it reports is what the node saw. */
class BenchAgainstNodeTest {

    private RunningNode node;
    private String port;

    @BeforeEach
    void startNode() {
        node = RunningNode.start();
        port = String.valueOf(node.port());
    }

    @AfterEach
    void stopNode() {
        node.close();
    }

    @Test
    void reportsExactlyTheGetsSetsAndHitsTheNodeCounted() throws IOException {
        NodeStats before = NodeStats.of(node.port());
        BenchCli cli = BenchCli.run("--port", port, "--connections", "6", "--threads", "2", "--depth", "8",
                "--duration", "2s", "--keys", "2000", "--get-ratio", "0.7", "--seed", "11", "--json");
        NodeStats after = NodeStats.of(node.port());

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("requests").asLong()).isPositive()
                .isEqualTo(json.get("gets").asLong() + json.get("sets").asLong());
        assertThat(json.get("errors").asLong()).isZero();
        assertThat(after.since(before, "cmd_get")).isEqualTo(json.get("gets").asLong());
        assertThat(after.since(before, "get_hits")).isEqualTo(json.get("hits").asLong());
        assertThat(after.since(before, "get_misses")).isEqualTo(json.get("misses").asLong());
        assertThat(after.since(before, "cmd_set")).isEqualTo(json.get("sets").asLong());
        // 70% gets give or take a few percent, and some of them hit keys set earlier in the run
        assertThat((double) json.get("gets").asLong() / json.get("requests").asLong()).isBetween(0.65, 0.75);
        assertThat(json.get("hits").asLong()).isPositive();
        assertThat(json.get("seconds").asDouble()).isBetween(1.9, 10.0);

        JsonNode latency = json.get("latency_us");
        assertThat(latency.get("p50").asDouble()).isPositive()
                .isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("p99_9").asDouble());
        assertThat(latency.get("p99_9").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());
        assertThat(json.get("settings").get("seed").asLong()).isEqualTo(11);
        assertThat(json.get("settings").get("depth").asInt()).isEqualTo(8);
    }

    @Test
    void populateSetsEveryKeySoThatEveryGetHits() throws IOException {
        NodeStats before = NodeStats.of(node.port());
        BenchCli cli = BenchCli.run("--port", port, "--connections", "3", "--threads", "2", "--depth", "4",
                "--requests", "20000", "--keys", "5000", "--populate", "--distribution", "zipf", "--skew", "1.1",
                "--value-size", "1k", "--json");
        NodeStats after = NodeStats.of(node.port());

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("populated").asLong()).isEqualTo(5000);
        assertThat(after.get("curr_items")).isEqualTo(5000);
        assertThat(json.get("requests").asLong()).isEqualTo(20000);
        assertThat(json.get("hits").asLong()).isEqualTo(json.get("gets").asLong());
        assertThat(json.get("hit_ratio").asDouble()).isEqualTo(1.0);
        assertThat(after.since(before, "cmd_set")).isEqualTo(5000 + json.get("sets").asLong());
        assertThat(after.since(before, "get_hits")).isEqualTo(json.get("hits").asLong());
    }

    @Test
    void printsATableByDefault() {
        BenchCli cli = BenchCli.run("--port", port, "--connections", "2", "--requests", "500", "--warmup", "1s",
                "--seed", "5");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out())
                .contains("target    127.0.0.1:" + port + ", plaintext")
                .contains("90% get / 10% set")
                .contains("seed 5")
                .containsPattern("requests +500 in [0-9.]+ s: [0-9,]+ ops/s")
                .contains("warm-up   1 s")
                .contains("p99.9");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void showsProgressOnStandardErrorWhenAsked() {
        BenchCli cli = BenchCli.run("--port", port, "--connections", "2", "--populate", "--keys", "1000",
                "--duration", "2s", "--progress");
        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        // not a terminal here: one line per second rather than one line rewritten
        assertThat(cli.err()).containsPattern("(?m)^run +[12]/2 s +[0-9,]+ ops/s  hits 100\\.0%  p50 [0-9.]+ ms  p99 [0-9.]+ ms  errors 0$")
                .doesNotContain("\r");
        assertThat(cli.out()).doesNotContain("ops/s  hits");
    }

    @Test
    void errorRepliesAreCountedReportedAndFailTheRun() throws IOException {
        // the node's item limit is 1 MiB: every one of these sets is refused
        BenchCli cli = BenchCli.run("--port", port, "--connections", "1", "--requests", "5", "--get-ratio", "0",
                "--value-size", "2m", "--json");
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("errors").asLong()).isEqualTo(5);
        assertThat(json.get("first_error").asText()).isEqualTo("SERVER_ERROR object too large for cache");
        assertThat(cli.err()).contains("5 requests got error replies, the first: SERVER_ERROR object too large");
    }

    @Test
    void aNodeThatGoesAwayMidRunFailsTheRunAtOnce() throws Exception {
        CompletableFuture<BenchCli> run = CompletableFuture.supplyAsync(() -> BenchCli.run("--port", port,
                "--connections", "2", "--duration", "60s"));
        await().atMost(Duration.ofSeconds(20)).until(() -> NodeStats.of(node.port()).get("cmd_get") > 100);
        node.close();
        BenchCli cli = run.get(20, TimeUnit.SECONDS);
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        // closed or reset, depending on whether requests were on their way when it went
        assertThat(cli.err()).containsPattern("^memcluster bench: run: (the server closed connection \\d+|connection \\d+: .*reset)");
    }
}
