package io.memcluster.client.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.client.statement.WordSplitter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void printableTextIsShownAsItIs() {
        assertThat(ValueText.render("hello world, 日本".getBytes(StandardCharsets.UTF_8))).isEqualTo("hello world, 日本");
    }

    @Test
    void controlCharactersAndNonUtf8AreEscapedWithTheSize() {
        byte[] value = {'a', 0x1b, '[', '2', 'J', 0, (byte) 0xff, '\n', '"', '\\'};
        assertThat(ValueText.render(value)).isEqualTo("\"a\\x1b[2J\\0\\xff\\n\\\"\\\\\" (10 bytes)");
        assertThat(ValueText.render(new byte[0])).isEqualTo("\"\" (0 bytes)");
        assertThat(ValueText.render(new byte[] {7})).isEqualTo("\"\\x07\" (1 byte)");
    }

    @Test
    void anEscapedValueTypedBackGivesTheSameBytes() {
        byte[] value = new byte[256];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) i;
        }
        String shown = ValueText.render(value);
        String quoted = shown.substring(0, shown.lastIndexOf(" ("));
        assertThat(WordSplitter.split("set k " + quoted).get(2).bytes()).isEqualTo(value);
    }

    @Test
    void jsonGetsTextOnlyForUtf8() {
        assertThat(ValueText.utf8("tab\there".getBytes(StandardCharsets.UTF_8))).isEqualTo("tab\there");
        assertThat(ValueText.utf8(new byte[] {(byte) 0xc3})).isNull();
    }
}
