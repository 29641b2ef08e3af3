package io.memcluster.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memcluster.certs.CertificateFiles;
import io.memcluster.server.MemcachedProcess;
import io.memcluster.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench against Debian's memcached: over TLS ({@code memcached -Z}, certificates from our own
 * CA) and with memcached's text-protocol login ({@code memcached -Y}), until the node has both.
 * Skipped where memcached is not installed ({@code .ci/run} installs it).
 */
class BenchAgainstMemcachedTest {

    @TempDir
    static Path dir;
    private static CertificateFiles certs;

    @BeforeAll
    static void certificates() throws IOException {
        assumeTrue(MemcachedProcess.installed(), "memcached is not installed");
        certs = new CertificateFiles(dir.resolve("certs"), Clock.system());
        certs.generate(List.of(), 30, 30, false);
    }

    private static MemcachedProcess startWithTls() throws IOException {
        return MemcachedProcess.start(dir, "-Z", "-o", "ssl_chain_cert=" + certs.serverCertificate()
                + ",ssl_key=" + certs.serverKey() + ",ssl_ca_cert=" + certs.caCertificate());
    }

    @Test
    void pipelinesOverTlsWithoutLosingAReply() throws IOException {
        // Deep pipelines pack many small replies into one TLS record: folsom stalled on exactly
        // that (STACK.md). Every reply must still be counted, every get must hit.
        try (MemcachedProcess memcached = startWithTls()) {
            BenchCli cli = BenchCli.run("--port", String.valueOf(memcached.port()), "--tls", "--ca",
                    certs.caCertificate().toString(), "--connections", "4", "--threads", "2", "--depth", "64",
                    "--keys", "3000", "--populate", "--requests", "40000", "--json");
            assertThat(cli.exitCode()).as(cli + memcached.log()).isZero();
            JsonNode json = new ObjectMapper().readTree(cli.out());
            assertThat(json.get("settings").get("tls").asBoolean()).isTrue();
            assertThat(json.get("tls_provider").asText()).isNotEmpty();
            assertThat(json.get("requests").asLong()).isEqualTo(40000);
            assertThat(json.get("hits").asLong()).isEqualTo(json.get("gets").asLong());
            assertThat(json.get("errors").asLong()).isZero();
        }
    }

    @Test
    void tlsWithNettysDefaultRecordGatheringWorksToo() throws IOException {
        try (MemcachedProcess memcached = startWithTls()) {
            BenchCli cli = BenchCli.run("--port", String.valueOf(memcached.port()), "--tls", "--ca",
                    certs.caCertificate().toString(), "--tls-wrap-size", "16384", "--connections", "2", "--depth", "16",
                    "--requests", "5000", "--json");
            assertThat(cli.exitCode()).as(cli + memcached.log()).isZero();
            assertThat(new ObjectMapper().readTree(cli.out()).get("requests").asLong()).isEqualTo(5000);
        }
    }

    @Test
    void refusesAServerWhoseCertificateItsCaDidNotSign() throws IOException {
        CertificateFiles otherCa = new CertificateFiles(dir.resolve("other-ca"), Clock.system());
        otherCa.generate(List.of(), 30, 30, false);
        try (MemcachedProcess memcached = startWithTls()) {
            BenchCli cli = BenchCli.run("--port", String.valueOf(memcached.port()), "--tls", "--ca",
                    otherCa.caCertificate().toString(), "--requests", "10");
            assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
            assertThat(cli.err()).startsWith("memcluster bench: connection to 127.0.0.1:")
                    .contains("TLS handshake failed").contains("unable to find valid certification path");
        }
    }

    @Test
    void logsInWithMemcachedsTextConvention() throws IOException {
        Path users = dir.resolve("memcached-users");
        Files.writeString(users, "bench:s3cret\n");
        try (MemcachedProcess memcached = MemcachedProcess.start(dir, "-Y", users.toString())) {
            String port = String.valueOf(memcached.port());
            BenchCli cli = BenchCli.run("--port", port, "--username", "bench", "--password", "s3cret",
                    "--connections", "3", "--requests", "3000", "--populate", "--keys", "300", "--json");
            assertThat(cli.exitCode()).as(cli.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(cli.out());
            assertThat(json.get("settings").get("login").asBoolean()).isTrue();
            assertThat(json.get("hits").asLong()).isEqualTo(json.get("gets").asLong());

            BenchCli refused = BenchCli.run("--port", port, "--username", "bench", "--password", "wrong",
                    "--requests", "10");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("login as 'bench' refused: CLIENT_ERROR authentication failure")
                    .doesNotContain("wrong");
        }
    }
}
