package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionTest {

    /**
     * What each kind of grant allows in the namespaces cart, other and default.
     * Columns: perms (space-separated, or "(none)"), then cart r/w, other r/w, default r/w, admin.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "ADMIN                 | true  | true  | true  | true  | true  | true  | true",
        "cart:read             | true  | false | false | false | false | false | false",
        "cart:write            | true  | true  | false | false | false | false | false",
        "*:read                | true  | false | true  | false | true  | false | false",
        "*:write               | true  | true  | true  | true  | true  | true  | false",
        "default:write         | false | false | false | false | true  | true  | false",
        "cart:read other:write | true  | false | true  | true  | false | false | false",
        "*:read cart:write     | true  | true  | true  | false | true  | false | false",
        "(none)                | false | false | false | false | false | false | false",
    })
    void grantsMatrix(String perms, boolean cartRead, boolean cartWrite, boolean otherRead,
            boolean otherWrite, boolean defaultRead, boolean defaultWrite, boolean admin) {
        User user = new User("u", Arrays.stream(perms.split(" "))
                .filter(p -> !p.equals("(none)")).map(Permission::parse).toList());

        assertThat(user.canRead("cart")).as("read cart").isEqualTo(cartRead);
        assertThat(user.canWrite("cart")).as("write cart").isEqualTo(cartWrite);
        assertThat(user.canRead("other")).as("read other").isEqualTo(otherRead);
        assertThat(user.canWrite("other")).as("write other").isEqualTo(otherWrite);
        assertThat(user.canRead(Namespaces.DEFAULT)).as("read default").isEqualTo(defaultRead);
        assertThat(user.canWrite(Namespaces.DEFAULT)).as("write default").isEqualTo(defaultWrite);
        assertThat(user.isAdmin()).as("admin").isEqualTo(admin);
    }

    @Test
    void writerCanReadBackWhatItWrote() {
        User writer = new User("w", List.of(Permission.parse("cart:write")));
        assertThat(writer.canRead("cart")).isTrue();
    }

    @Test
    void namespacesAreCaseSensitiveLikeKeys() {
        User user = new User("u", List.of(Permission.parse("cart:read")));
        assertThat(user.canRead("Cart")).isFalse();
    }

    @Test
    void textRoundTrips() {
        for (String text : List.of("ADMIN", "cart:read", "cart:write", "*:read", "*:write")) {
            assertThat(Permission.parse(text).text()).isEqualTo(text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "Admin", "cart", "cart:rw", "cart:READ", "cart:", "read"})
    void unknownPermissionsNameTheValidForms(String text) {
        assertThatThrownBy(() -> Permission.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("ADMIN, <namespace>:read, <namespace>:write, *:read or *:write");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca-rt:read", "a.b:write", "**:read", "x:y:read", ":read"})
    void invalidNamespacesAreNamed(String text) {
        assertThatThrownBy(() -> Permission.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid namespace '" + text.substring(0, text.lastIndexOf(':')) + "'")
                .hasMessageContaining("1-64 ASCII letters or digits");
    }

    @Test
    void sixtyFiveCharacterNamespaceIsRefused() {
        assertThatThrownBy(() -> Permission.parse("a".repeat(65) + ":read"))
                .hasMessageContaining("invalid namespace");
        assertThat(Permission.parse("a".repeat(64) + ":read")).isInstanceOf(Grant.class);
    }

    @Test
    void duplicatePermissionsCollapse() {
        User user = new User("u", List.of(Permission.parse("cart:read"), Permission.parse("cart:read")));
        assertThat(user.permissionTexts()).containsExactly("cart:read");
    }
}
