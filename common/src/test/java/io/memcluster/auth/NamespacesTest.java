package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NamespacesTest {

    private static final String SIXTY_FOUR = "a".repeat(64);
    private static final String SIXTY_FIVE = "a".repeat(65);

    @ParameterizedTest(name = "''{0}'' is in ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "cart.x       | cart",
        "cart.        | cart",
        "a.b.c        | a",
        "Cart9.x      | Cart9",
        "0.x          | 0",
        ".x           | default",
        "x            | default",
        "cart         | default",
        "car-t.x      | default",
        "car_t.x      | default",
        "ca rt.x      | default",
        "ünï.x        | default",
        "a/b.c        | default",
    })
    void namespaceOf(String key, String expected) {
        assertThat(Namespaces.namespaceOf(key)).isEqualTo(expected);
        assertThat(ofBytes(key)).isEqualTo(expected);
    }

    @Test
    void sixtyFourCharacterPrefixIsANamespaceButSixtyFiveIsNot() {
        assertThat(Namespaces.namespaceOf(SIXTY_FOUR + ".x")).isEqualTo(SIXTY_FOUR);
        assertThat(ofBytes(SIXTY_FOUR + ".x")).isEqualTo(SIXTY_FOUR);
        assertThat(Namespaces.namespaceOf(SIXTY_FIVE + ".x")).isEqualTo("default");
        assertThat(ofBytes(SIXTY_FIVE + ".x")).isEqualTo("default");
    }

    @Test
    void emptyKeyIsInDefault() {
        assertThat(Namespaces.namespaceOf("")).isEqualTo("default");
        assertThat(Namespaces.namespaceOf(new byte[0], 0, 0)).isEqualTo("default");
    }

    @Test
    void byteFormReadsOnlyItsSliceOfTheBuffer() {
        byte[] buffer = "get cart.x users.y\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(Namespaces.namespaceOf(buffer, 4, 6)).isEqualTo("cart");
        assertThat(Namespaces.namespaceOf(buffer, 11, 7)).isEqualTo("users");
        // "cart" alone, without its dot, is a key in default even though a dot follows in the buffer.
        assertThat(Namespaces.namespaceOf(buffer, 4, 4)).isEqualTo("default");
    }

    @Test
    void defaultKeysShareOneInstanceSoTheHotPathAllocatesNothing() {
        byte[] key = "session:42".getBytes(StandardCharsets.US_ASCII);
        assertThat(Namespaces.namespaceOf(key, 0, key.length)).isSameAs(Namespaces.DEFAULT);
        assertThat(Namespaces.prefixLength(key, 0, key.length)).isZero();
        byte[] namespaced = "cart.42".getBytes(StandardCharsets.US_ASCII);
        assertThat(Namespaces.prefixLength(namespaced, 0, namespaced.length)).isEqualTo(4);
    }

    @Test
    void validNames() {
        assertThat(Namespaces.isValidName("cart")).isTrue();
        assertThat(Namespaces.isValidName(SIXTY_FOUR)).isTrue();
        assertThat(Namespaces.isValidName(SIXTY_FIVE)).isFalse();
        assertThat(Namespaces.isValidName("")).isFalse();
        assertThat(Namespaces.isValidName("a.b")).isFalse();
        assertThat(Namespaces.isValidName("*")).isFalse();
    }

    private static String ofBytes(String key) {
        byte[] bytes = ("xx" + key + "yy").getBytes(StandardCharsets.UTF_8);
        int length = key.getBytes(StandardCharsets.UTF_8).length;
        return Namespaces.namespaceOf(bytes, 2, length);
    }
}
