package io.memcluster.client.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordSplitterTest {

    @Test
    void splitsOnRunsOfWhitespace() {
        assertThat(texts("  PUT\tcart.42   hello ")).containsExactly("PUT", "cart.42", "hello");
        assertThat(WordSplitter.split("   ")).isEmpty();
    }

    @Test
    void quotesKeepSpacesAndJoinWithAdjacentText() {
        assertThat(texts("put k \"hello world\"")).containsExactly("put", "k", "hello world");
        assertThat(texts("put k 'it''s' x")).containsExactly("put", "k", "its", "x");
        assertThat(texts("put k 'a \"b\" \\n'")).containsExactly("put", "k", "a \"b\" \\n");
        assertThat(texts("put k a\\ b")).containsExactly("put", "k", "a b");
        assertThat(texts("put k \"\"")).containsExactly("put", "k", "");
    }

    @Test
    void doubleQuotesUnderstandEscapesForAnyByte() {
        List<Word> words = WordSplitter.split("set k \"\\x00\\xff\\n\\r\\t\\0\\\\\\\"é\"");
        assertThat(words.get(2).bytes()).containsExactly(0x00, 0xff, '\n', '\r', '\t', 0, '\\', '"', 0xc3, 0xa9);
    }

    @Test
    void keepsUnicodeTextAsUtf8() {
        assertThat(WordSplitter.split("put k 日本")).element(2)
                .extracting(Word::bytes).isEqualTo("日本".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesUnclosedQuotesAndBadEscapes() {
        assertThatThrownBy(() -> WordSplitter.split("put k \"open")).hasMessage("unclosed \" quote");
        assertThatThrownBy(() -> WordSplitter.split("put k 'open")).hasMessage("unclosed ' quote");
        assertThatThrownBy(() -> WordSplitter.split("put k \"\\q\"")).hasMessageStartingWith("unknown escape \\q");
        assertThatThrownBy(() -> WordSplitter.split("put k \"\\x4\"")).hasMessage("\\x needs two hex digits, as in \\x00");
        assertThatThrownBy(() -> WordSplitter.split("put k \\")).hasMessage("a line cannot end with \\");
    }

    private static List<String> texts(String line) {
        return WordSplitter.split(line).stream().map(Word::text).toList();
    }
}
