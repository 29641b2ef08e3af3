package io.memcluster.client.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCompleterTest {

    private final ShellCompleter completer = new ShellCompleter(() -> List.of("default", "orders"));

    @Test
    void offersCommandsFirstThenTheirNextWords() {
        assertThat(completer.candidatesAfter(List.of()))
                .contains("PUT", "UPDATE", "GET", "SHOW", "USE", "FLUSH", "STATS", "HELP", "EXIT")
                .doesNotHaveDuplicates();
        assertThat(completer.candidatesAfter(List.of("show"))).containsExactly("KEYS", "DATA", "NAMESPACES");
        assertThat(completer.candidatesAfter(List.of("FLUSH"))).containsExactly("NAMESPACE");
        assertThat(completer.candidatesAfter(List.of("user"))).containsExactly("ADD", "REMOVE", "PASSWD");
        assertThat(completer.candidatesAfter(List.of("help", "show"))).containsExactly("KEYS", "DATA", "NAMESPACES");
        assertThat(completer.candidatesAfter(List.of("get"))).isEmpty();
    }

    @Test
    void offersNamespacesAfterUseAndFlushNamespace() {
        assertThat(completer.candidatesAfter(List.of("use"))).containsExactly("default", "orders");
        assertThat(completer.candidatesAfter(List.of("flush", "namespace"))).containsExactly("default", "orders");
        assertThat(completer.candidatesAfter(List.of("stats"))).contains("settings", "namespaces");
    }

    @Test
    void linesThatMayHoldAPasswordStayOutOfTheHistory() {
        assertThat(HistoryWithoutSecrets.mayHoldSecret("user passwd bob s3cret")).isTrue();
        assertThat(HistoryWithoutSecrets.mayHoldSecret("  USER ADD bob")).isTrue();
        assertThat(HistoryWithoutSecrets.mayHoldSecret("set password.x 1")).isTrue();
        assertThat(HistoryWithoutSecrets.mayHoldSecret("users")).isFalse();
        assertThat(HistoryWithoutSecrets.mayHoldSecret("get cart.42")).isFalse();
    }
}
