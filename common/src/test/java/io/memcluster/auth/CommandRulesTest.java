package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.TextCommandDecoder;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each command as a client sends it, and what it needs. */
class CommandRulesTest {

    @ParameterizedTest(name = "{0} needs {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "get a b          | KEYS  | READ",
        "gets a           | KEYS  | READ",
        "gat 10 a         | KEYS  | WRITE",
        "gats 10 a        | KEYS  | WRITE",
        "set a 0 0 1\\r\\nx | KEYS  | WRITE",
        "cas a 0 0 1 5\\r\\nx| KEYS | WRITE",
        "append a 0 0 1\\r\\nx| KEYS| WRITE",
        "delete a         | KEYS  | WRITE",
        "incr a 1         | KEYS  | WRITE",
        "decr a 1         | KEYS  | WRITE",
        "touch a 10       | KEYS  | WRITE",
        "mg a v           | KEYS  | READ",
        "mg a v T30       | KEYS  | WRITE",
        "mg a v N30       | KEYS  | WRITE",
        "mg a v R30       | KEYS  | WRITE",
        "mg a R0          | KEYS  | WRITE",
        "ms a 1\\r\\nx      | KEYS  | WRITE",
        "md a             | KEYS  | WRITE",
        "ma a             | KEYS  | WRITE",
        "me a             | KEYS  | READ",
        "flush_all        | ADMIN | ",
        "shutdown         | ADMIN | ",
        "cache_memlimit 100 | ADMIN | ",
        "verbosity 1      | ADMIN | ",
        "stats reset      | ADMIN | ",
        "stats conns      | ADMIN | ",
        "lru_crawler crawl all | ADMIN | ",
        "memcluster users list | ADMIN | ",
        "memcluster users remove bob | ADMIN | ",
        "memcluster users passwd bob 1\\r\\nx | ADMIN | ",
        "stats            | ANY   | ",
        "stats settings   | ANY   | ",
        "stats namespaces | ANY   | ",
        "lru_crawler metadump all | SOME_NAMESPACE | ",
        "lru_crawler metadump 1,2 | SOME_NAMESPACE | ",
        "version          | ANY   | ",
        "mn               | ANY   | ",
    })
    void ruleOf(String request, CommandRules.Rule rule, Access access) {
        // a data block is written \r\n in the table
        Command command = decode(request.strip().replace("\\r\\n", "\r\n") + "\r\n");

        assertThat(CommandRules.rule(command)).isEqualTo(rule);
        if (rule == CommandRules.Rule.KEYS) {
            assertThat(CommandRules.access(command)).isEqualTo(access);
        }
    }

    private static Command decode(String request) {
        EmbeddedChannel channel = new EmbeddedChannel(new TextCommandDecoder(1 << 20));
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
        Command command = channel.readInbound();
        channel.finishAndReleaseAll();
        return command;
    }
}
