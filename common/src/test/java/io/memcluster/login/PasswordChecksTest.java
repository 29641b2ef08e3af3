package io.memcluster.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memcluster.auth.AuthFailure;
import io.memcluster.auth.AuthResult;
import io.memcluster.auth.LoginThrottle.Standing;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PasswordChecksTest {

    private static final AuthResult WRONG = new AuthResult.Failure(AuthFailure.WRONG_PASSWORD);

    private final PasswordChecks checks = new PasswordChecks(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        release.countDown();
        checks.close();
    }

    @Test
    void knownAddressesAreCheckedFirstAndFailingOnesLast() throws Exception {
        checks.submit("10.0.0.9", Standing.UNKNOWN, blocked()); // holds the only thread
        CompletableFuture<AuthResult> failing = checks.submit("10.0.0.1", Standing.FAILING, named("failing"));
        checks.submit("10.0.0.2", Standing.UNKNOWN, named("unknown"));
        CompletableFuture<AuthResult> trusted = checks.submit("10.0.0.3", Standing.TRUSTED, named("trusted"));

        release.countDown();
        failing.get(10, TimeUnit.SECONDS);

        assertThat(trusted).isDone();
        assertThat(ran).containsExactly("trusted", "unknown", "failing");
    }

    @Test
    void oneAddressHoldsAFewChecksAtMost() {
        for (int i = 0; i < PasswordChecks.MAX_PER_ADDRESS; i++) {
            checks.submit("10.0.0.1", Standing.FAILING, blocked());
        }

        assertThatThrownBy(() -> checks.submit("10.0.0.1", Standing.FAILING, named("one more")))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(checks.submit("10.0.0.2", Standing.FAILING, named("another address"))).isNotNull();
    }

    @Test
    void aFullLineLeavesTheOthersOpen() throws Exception {
        checks.submit("10.0.0.255", Standing.FAILING, blocked());
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue(); // running, so no longer waiting
        for (int i = 0; i < PasswordChecks.MAX_WAITING; i++) {
            checks.submit("10.0." + i / 250 + "." + i % 250, Standing.FAILING, named("flood"));
        }

        assertThatThrownBy(() -> checks.submit("10.1.0.1", Standing.FAILING, named("one more")))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(checks.submit("10.1.0.1", Standing.UNKNOWN, named("new"))).isNotNull();
        assertThat(checks.submit("10.1.0.2", Standing.TRUSTED, named("known"))).isNotNull();
    }

    private Supplier<AuthResult> blocked() {
        return () -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return WRONG;
        };
    }

    private Supplier<AuthResult> named(String name) {
        return () -> {
            ran.add(name);
            return WRONG;
        };
    }
}
