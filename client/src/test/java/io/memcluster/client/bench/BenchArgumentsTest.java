package io.memcluster.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.memcluster.server.RunningNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong arguments end with exit code 2 and one line naming the flag and what it accepts. */
class BenchArgumentsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--connections 0                         | --connections must be 1 to 10000, got 0",
        "--connections 2 --threads 3             | --threads 3 is more than --connections 2",
        "--depth 0                               | --depth must be 1 to 1024, got 0",
        "--depth 5000                            | --depth must be 1 to 1024, got 5000",
        "--get-ratio 1.5                         | --get-ratio must be 0 to 1 (0.9 = 90% gets), got 1.5",
        "--value-size lots                       | --value-size: \"lots\" is not a size",
        "--value-size 1g                         | --value-size must be at most 128m, got 1g",
        "--keys 0                                | --keys must be 1 to 100000000, got 0",
        "--keys 1000000 --key-size 8             | --key-size must be 12 to 250 for 1000000 keys with prefix 'bench.', got 8",
        "--key-prefix a\tb                       | --key-prefix must be printable ASCII without spaces",
        "--distribution pareto                   | --distribution must be uniform or zipf, got 'pareto'",
        "--skew 1.2                              | --skew applies to --distribution zipf only",
        "--distribution zipf --skew 0            | --skew must be above 0 and at most 10, got 0.0",
        "--duration soon                         | --duration: \"soon\" is not a duration",
        "--duration 0s                           | --duration must be longer than 0",
        "--requests 0                            | --requests must be at least 1, got 0",
        "--reply-timeout 10ms                    | --reply-timeout must be at least 1s, got 10ms",
        "--ca ca.crt                             | --ca, --cert and --key need --tls",
        "--tls --ca does-not-exist.crt           | cannot read the CA file does-not-exist.crt",
        "--username bench                        | --username and --password go together",
        "--port 70000                            | --port must be 1 to 65535, got 70000",
        "--connections many                      | Invalid value for option '--connections': 'many' is not an int",
        "--frobnicate                            | Unknown option: '--frobnicate'",
    })
    void refusesWithAMessageAndExitCode2(String args, String message) {
        BenchCli cli = BenchCli.run(args.strip().split(" "));
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
        assertThat(cli.err()).as(cli.toString()).startsWith("memcluster bench: ").contains(message);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void sendsNoPasswordInTheClearOffThisMachine() {
        BenchCli cli = BenchCli.run("--host", "192.0.2.1", "--username", "bench", "--password", "secret");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--password is sent in the clear without --tls; only to a loopback address");
    }

    @Test
    void saysWhereTheDefaultCaIsAndHowToMakeOne() {
        // the tests run in client/, where there is no data/certs
        assumeFalse(Files.exists(Path.of(BenchCommand.DEFAULT_CA)));
        BenchCli cli = BenchCli.run("--tls");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("cannot read the CA file data/certs/ca.crt")
                .contains("bin/memcluster certs generate");
    }

    @Test
    void aServerThatIsNotThereIsARunFailureNotAUsageError() {
        BenchCli cli = BenchCli.run("--port", String.valueOf(RunningNode.freePort()), "--requests", "10");
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err()).startsWith("memcluster bench: cannot connect to 127.0.0.1:")
                .contains("Connection refused");
    }
}
