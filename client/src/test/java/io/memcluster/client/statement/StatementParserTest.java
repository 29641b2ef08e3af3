package io.memcluster.client.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatementParserTest {

    @Test
    void putUpdateAndSetWriteWithTheirModeAndAnOptionalTtl() {
        Statement.Write put = (Statement.Write) StatementParser.parseLine("put cart.42 \"two words\" TTL 60");
        assertThat(put.mode()).isEqualTo(Statement.WriteMode.ADD);
        assertThat(text(put.key())).isEqualTo("cart.42");
        assertThat(text(put.value())).isEqualTo("two words");
        assertThat(put.ttl()).isEqualTo(60);
        assertThat(((Statement.Write) StatementParser.parseLine("UPDATE k v")).mode())
                .isEqualTo(Statement.WriteMode.REPLACE);
        Statement.Write set = (Statement.Write) StatementParser.parseLine("Set k v ttl 0");
        assertThat(set.mode()).isEqualTo(Statement.WriteMode.SET);
        assertThat(set.ttl()).isZero();
    }

    @Test
    void aValueNamedTtlIsStillAValue() {
        Statement.Write write = (Statement.Write) StatementParser.parseLine("set k TTL");
        assertThat(text(write.value())).isEqualTo("TTL");
        assertThat(write.ttl()).isZero();
    }

    @Test
    void commandWordsAreCaseInsensitiveButKeysAndNamespacesAreNot() {
        assertThat(StatementParser.parseLine("sHoW kEyS Cart*")).isEqualTo(new Statement.Show(false, "Cart*"));
        assertThat(StatementParser.parseLine("show data")).isEqualTo(new Statement.Show(true, null));
        assertThat(StatementParser.parseLine("SHOW NAMESPACES")).isEqualTo(new Statement.ShowNamespaces());
        assertThat(StatementParser.parseLine("use Orders")).isEqualTo(new Statement.Use("Orders"));
        assertThat(StatementParser.parseLine("flush namespace")).isEqualTo(new Statement.FlushNamespace(null));
        assertThat(StatementParser.parseLine("FLUSH NAMESPACE orders")).isEqualTo(new Statement.FlushNamespace("orders"));
        assertThat(StatementParser.parseLine("snapshot")).isEqualTo(new Statement.Snapshot(null));
        assertThat(StatementParser.parseLine("SNAPSHOT Orders")).isEqualTo(new Statement.Snapshot("Orders"));
        assertThat(StatementParser.parseLine("stats Settings")).isEqualTo(new Statement.Stats("settings"));
        assertThat(StatementParser.parseLine("count")).isEqualTo(new Statement.Count());
        assertThat(StatementParser.parseLine("help show keys")).isEqualTo(new Statement.Help("show keys"));
        assertThat(StatementParser.parseLine("exit")).isEqualTo(new Statement.Quit());
        assertThat(StatementParser.parseLine("   ")).isNull();
    }

    @Test
    void arithmeticTakesAnUnsignedDelta() {
        Statement.Arithmetic incr = (Statement.Arithmetic) StatementParser.parseLine("incr hits 18446744073709551615");
        assertThat(incr.increment()).isTrue();
        assertThat(incr.delta()).isEqualTo(-1L);
        assertThat(((Statement.Arithmetic) StatementParser.parseLine("DECR hits")).delta()).isEqualTo(1);
        assertThatThrownBy(() -> StatementParser.parseLine("incr hits -5"))
                .hasMessage("INCR: delta '-5' is not a whole number from 0 to 18446744073709551615"
                        + " (usage: INCR key [delta])");
    }

    @Test
    void touchTakesSecondsWithOrWithoutTheWordTtl() {
        assertThat(((Statement.Touch) StatementParser.parseLine("touch k 30")).ttl()).isEqualTo(30);
        assertThat(((Statement.Touch) StatementParser.parseLine("touch k ttl 30")).ttl()).isEqualTo(30);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
        "frobnicate k ~ unknown command 'frobnicate' (HELP lists the commands)",
        "put k ~ PUT: the value is missing (usage: PUT key value [TTL seconds])",
        "put ~ PUT: a key and a value are missing (usage: PUT key value [TTL seconds])",
        "put k two words ~ PUT: too many words: quote a value that holds spaces, as in PUT greeting \"hello world\" (usage: PUT key value [TTL seconds])",
        "put k v TTL -1 ~ PUT: TTL '-1' is not a number of seconds from 0 (never expires) to 2147483647 (usage: PUT key value [TTL seconds])",
        "put k v TTL soon ~ PUT: TTL 'soon' is not a number of seconds from 0 (never expires) to 2147483647 (usage: PUT key value [TTL seconds])",
        "get ~ GET: missing words (usage: GET key)",
        "get a b ~ GET: too many words: quote words that hold spaces (usage: GET key)",
        "get \"a b\" ~ invalid key 'a b': keys cannot hold spaces or control characters",
        "get \"\" ~ a key cannot be empty",
        "use orders.x ~ invalid namespace 'orders.x': a namespace is 1-64 ASCII letters or digits",
        "use ~ USE: missing words (usage: USE namespace)",
        "flush all ~ FLUSH NAMESPACE: only a namespace can be flushed from here (usage: FLUSH NAMESPACE [namespace])",
        "show tables ~ SHOW tables? SHOW KEYS [pattern] | SHOW DATA [pattern] | SHOW NAMESPACES",
        "count x ~ COUNT: too many words (usage: COUNT)",
        "user add ~ USER ADD: the username is missing (usage: USER ADD username permission...)",
        "user add bob ~ USER ADD: give at least one permission: ADMIN, <namespace>:read, <namespace>:write, *:read or *:write, where a namespace is 1-64 ASCII letters or digits (usage: USER ADD username permission...)",
        "user passwd bob pw ~ USER PASSWD: too many words: the password is asked for, not written on the line (usage: USER PASSWD username)",
    })
    void refusesWithWhatIsWrongAndTheRightForm(String line, String message) {
        assertThatThrownBy(() -> StatementParser.parseLine(line))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }

    @Test
    void aNamespaceNameIsCheckedWithTheAuthRule() {
        assertThat(StatementParser.namespace("a".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> StatementParser.namespace("a".repeat(65))).isInstanceOf(UsageException.class);
        assertThat(StatementParser.namespace("default")).isEqualTo("default");
    }

    @Test
    void everyStatementHasItsSyntaxName() {
        assertThat(StatementParser.parseLine("put k v").name()).isEqualTo("put");
        assertThat(StatementParser.parseLine("show namespaces").name()).isEqualTo("show namespaces");
        assertThat(StatementParser.parseLine("user passwd bob").name()).isEqualTo("user passwd");
        assertThat(Syntax.named("show  keys")).contains(Syntax.SHOW_KEYS);
        assertThat(Syntax.named("show")).contains(Syntax.SHOW_KEYS);
        assertThat(Syntax.named("exit")).contains(Syntax.QUIT);
    }

    @Test
    void keyPatternsAreGlobsOverTheWholeKey() {
        KeyPattern pattern = KeyPattern.of("cart.4?*");
        assertThat(pattern.matches("cart.42")).isTrue();
        assertThat(pattern.matches("cart.4")).isFalse();
        assertThat(pattern.matches("xcart.42")).isFalse();
        assertThat(KeyPattern.of("a+b(c)").matches("a+b(c)")).isTrue();
        assertThat(KeyPattern.of(null).matches("anything")).isTrue();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
