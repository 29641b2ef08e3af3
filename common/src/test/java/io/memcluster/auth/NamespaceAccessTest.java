package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceAccessTest {

    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final String HASH = HASHER.hash("irrelevant here");

    private final UserDirectory directory = UserDirectory.of(users(
            user("reader", "cart:read"), user("writer", "cart:write", "default:read"), user("root", "ADMIN")));

    @Test
    void nobodyMayDoAnythingBeforeLogin() {
        NamespaceAccess access = NamespaceAccess.unauthenticated(directory);

        assertThat(access.authenticated()).isFalse();
        assertThat(access.may(key("cart.1"), Access.READ)).isFalse();
        assertThat(access.may(key("plain"), Access.READ)).isFalse();
        assertThat(access.isAdmin()).isFalse();
    }

    @Test
    void withoutAuthEverythingIsAllowedUnchecked() {
        NamespaceAccess access = NamespaceAccess.withoutAuth();

        assertThat(access.unrestricted()).isTrue();
        assertThat(access.isAdmin()).isTrue();
        assertThat(access.may(key("orders.9"), Access.WRITE)).isTrue();
    }

    @Test
    void readGrantReadsItsNamespaceOnly() {
        NamespaceAccess access = loggedIn("reader");

        assertThat(access.may(key("cart.x"), Access.READ)).isTrue();
        assertThat(access.may(key("cart.x"), Access.WRITE)).isFalse();
        assertThat(access.may(key("orders.y"), Access.READ)).isFalse();
        assertThat(access.may(key("plain-key"), Access.READ)).as("default namespace").isFalse();
        // back to the first namespace after another one: the cache must not keep the last answer
        assertThat(access.may(key("cart.z"), Access.READ)).isTrue();
        assertThat(access.mayRead("cart")).isTrue();
        assertThat(access.mayRead("orders")).isFalse();
    }

    @Test
    void writeGrantIncludesRead() {
        NamespaceAccess access = loggedIn("writer");

        assertThat(access.may(key("cart.x"), Access.WRITE)).isTrue();
        assertThat(access.may(key("cart.x"), Access.READ)).isTrue();
        assertThat(access.may(key("plain"), Access.READ)).isTrue();
        assertThat(access.may(key("plain"), Access.WRITE)).isFalse();
    }

    @Test
    void namespacesThatShareAPrefixAreTold() {
        NamespaceAccess access = loggedIn("reader");

        assertThat(access.may(key("cart.a"), Access.READ)).isTrue();
        assertThat(access.may(key("carts.a"), Access.READ)).isFalse();
        assertThat(access.may(key("car.a"), Access.READ)).isFalse();
    }

    @Test
    void itemKeysAreJudgedByTheirLengthNotTheirArray() {
        NamespaceAccess access = loggedIn("reader");
        byte[] item = "cart.kVALUE-BYTES.orders".getBytes(StandardCharsets.US_ASCII);

        assertThat(access.may(item, 6, Access.READ)).isTrue();
    }

    @Test
    void adminIsUnrestricted() {
        NamespaceAccess access = loggedIn("root");

        assertThat(access.unrestricted()).isTrue();
        assertThat(access.may(key("anything.at.all"), Access.WRITE)).isTrue();
    }

    @Test
    void reloadedGrantsApplyFromTheNextCheck() {
        NamespaceAccess access = loggedIn("reader");
        assertThat(access.may(key("cart.x"), Access.WRITE)).isFalse();

        directory.replace(users(user("reader", "cart:write")));

        assertThat(access.may(key("cart.x"), Access.WRITE)).isTrue();
    }

    @Test
    void removedUserMayDoNothing() {
        NamespaceAccess access = loggedIn("root");

        directory.replace(users(user("reader", "cart:read")));

        assertThat(access.unrestricted()).isFalse();
        assertThat(access.authenticated()).isFalse();
        assertThat(access.may(key("cart.x"), Access.READ)).isFalse();
    }

    @Test
    void checkingKeysOfOneNamespaceAllocatesNothing() {
        NamespaceAccess access = loggedIn("writer");
        byte[] defaultKey = key("session:1234");
        byte[] cartKey = key("cart.1234");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) { // let the JIT settle first
            access.may(defaultKey, Access.READ);
            access.may(cartKey, Access.WRITE);
        }

        long before = threads.getThreadAllocatedBytes(thread);
        boolean all = true;
        for (int i = 0; i < 100_000; i++) {
            all &= access.may(defaultKey, Access.READ) & access.may(cartKey, Access.WRITE);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(all).isTrue();
        // a String per call would be megabytes; the measurement itself may cost a few bytes
        assertThat(allocated).isLessThan(1024);
    }

    private NamespaceAccess loggedIn(String username) {
        NamespaceAccess access = NamespaceAccess.unauthenticated(directory);
        access.grant(directory.find(username).orElseThrow());
        return access;
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static StoredUser user(String name, String... perms) {
        return new StoredUser(new User(name, List.of(perms).stream().map(Permission::parse).toList()), HASH);
    }

    private static Users users(StoredUser... users) {
        return Users.of(List.of(users));
    }
}
