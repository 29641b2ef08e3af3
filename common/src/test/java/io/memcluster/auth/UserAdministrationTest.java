package io.memcluster.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes through a running server's directory: checked, written, in force, and what is refused. */
class UserAdministrationTest {

    @TempDir
    Path dir;

    private Path file;
    private UserDirectory directory;
    private UserAdministration admin;

    @BeforeEach
    void setUp() throws Exception {
        file = dir.resolve("users.json");
        UsersFile.loadOrEmpty(file).add("root", "s3cret", List.of(Permission.ADMIN));
        directory = UserDirectory.load(file);
        admin = new UserAdministration(directory);
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void anAddedUserIsInForceAtOnceAndOnDisk() throws Exception {
        long before = directory.generation();

        assertThat(change(admin.add("bob", "cart:write,orders:read", bytes("two words"), "root")))
                .isEqualTo(UserAdministration.Status.DONE);

        assertThat(directory.generation()).as("connections re-judge their user").isGreaterThan(before);
        assertThat(directory.find("bob")).hasValueSatisfying(bob -> assertThat(bob.permissionTexts())
                .containsExactly("cart:write", "orders:read"));
        assertThat(new Authenticator(directory::users, java.util.Optional.empty()).authenticate("bob", "two words"))
                .isInstanceOf(AuthResult.Success.class);
        assertThat(UsersFile.load(file).users().contains("bob")).isTrue();
    }

    @Test
    void thePasswordBytesAreWipedOnceUsed() throws Exception {
        byte[] password = bytes("wipe me");
        change(admin.add("bob", "-", password, "root"));
        assertThat(password).containsOnly(0);

        byte[] refused = bytes("x");
        change(admin.add("bad name", "-", refused, "root"));
        assertThat(refused).as("also when the change is refused").containsOnly(0);
    }

    @Test
    void whatIsInvalidIsRefusedWithWhatWouldBeValid() throws Exception {
        assertThat(admin.add("bob", "cart:admin", bytes("x"), "root").get(10, TimeUnit.SECONDS).message())
                .isEqualTo("unknown permission 'cart:admin' (expected " + Permission.VALID_FORMS + ")");
        assertThat(admin.add("bob", "cart:read,", bytes("x"), "root").get(10, TimeUnit.SECONDS).message())
                .startsWith("an empty permission in 'cart:read,'");
        assertThat(admin.add("x".repeat(65), "-", bytes("x"), "root").get(10, TimeUnit.SECONDS).message())
                .contains("expected " + Usernames.VALID_FORM);
        assertThat(admin.add("bob", "-", bytes("jwt:abc"), "root").get(10, TimeUnit.SECONDS).message())
                .contains("marks a token");
        assertThat(admin.add("bob", "-", new byte[] {(byte) 0xC3}, "root").get(10, TimeUnit.SECONDS).message())
                .isEqualTo("a password must be UTF-8 text");
        assertThat(directory.find("bob")).isEmpty();
    }

    @Test
    void takenAndMissingNamesAreTold() throws Exception {
        assertThat(change(admin.add("root", "-", bytes("x"), "root"))).isEqualTo(UserAdministration.Status.EXISTS);
        assertThat(change(admin.remove("ghost", "root"))).isEqualTo(UserAdministration.Status.NOT_FOUND);
        assertThat(change(admin.passwd("ghost", bytes("x"), "root"))).isEqualTo(UserAdministration.Status.NOT_FOUND);
    }

    @Test
    void theLastAdminCannotBeRemovedButAnAdminWithASuccessorCan() throws Exception {
        assertThat(change(admin.remove("root", "root"))).isEqualTo(UserAdministration.Status.REFUSED);
        change(admin.add("second", "ADMIN", bytes("pw"), "root"));

        assertThat(change(admin.remove("root", "second"))).isEqualTo(UserAdministration.Status.DONE);
        assertThat(admin.list()).extracting(User::username).containsExactly("second");
    }

    @Test
    void aFileThatBrokeSinceIsReportedAndTheUsersInForceStay() throws Exception {
        Files.writeString(file, "[{\"username\": ");

        UserAdministration.Change change = admin.add("bob", "-", bytes("x"), "root").get(10, TimeUnit.SECONDS);

        assertThat(change.status()).isEqualTo(UserAdministration.Status.FAILED);
        assertThat(change.message()).startsWith("cannot use the users file: " + file);
        assertThat(directory.find("root")).isPresent();
    }

    @Test
    void permissionListsParse() {
        assertThat(UserAdministration.parsePermissions("-")).isEmpty();
        assertThat(UserAdministration.parsePermissions("ADMIN,*:read")).extracting(Permission::text)
                .containsExactly("ADMIN", "*:read");
        assertThatThrownBy(() -> UserAdministration.parsePermissions(",")).isInstanceOf(IllegalArgumentException.class);
    }

    private static UserAdministration.Status change(java.util.concurrent.CompletableFuture<UserAdministration.Change> f)
            throws Exception {
        return f.get(10, TimeUnit.SECONDS).status();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
