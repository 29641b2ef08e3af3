package io.memcluster.login;

import io.memcluster.auth.AuthResult;
import io.memcluster.auth.Authenticator;
import io.memcluster.auth.LoginThrottle;
import io.memcluster.auth.TokenVerifier;
import io.memcluster.auth.UserDirectory;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection's {@link LoginHandler} shares: the users, the authenticator, the
 * throttle, the counters, and a small bounded pool for password checks. An Argon2id check costs
 * tens of milliseconds and ~19 MiB; on an event loop it would stall every other connection of
 * that loop, and unbounded it would let a burst of logins exhaust memory.
 */
public final class LoginService implements AutoCloseable {

    /** Checks waiting beyond the running ones; more are refused at once rather than queued. */
    static final int MAX_WAITING = 64;

    private final UserDirectory users;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final LoginCounters counters;
    private final ThreadPoolExecutor verifiers;

    /**
     * @param threads password checks run at once; memory is ~19 MiB each
     */
    public LoginService(UserDirectory users, Optional<TokenVerifier> tokens, LoginThrottle throttle,
            LoginCounters counters, int threads) {
        this.users = users;
        this.authenticator = new Authenticator(users::users, tokens);
        this.throttle = throttle;
        this.counters = counters;
        AtomicInteger ids = new AtomicInteger();
        this.verifiers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING), runnable -> {
                    Thread thread = new Thread(runnable, "login-" + ids.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        verifiers.allowCoreThreadTimeOut(true);
    }

    public UserDirectory users() {
        return users;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    public LoginCounters counters() {
        return counters;
    }

    /**
     * Checks the credentials on the login pool.
     *
     * @throws RejectedExecutionException when {@value #MAX_WAITING} checks are already waiting
     */
    CompletableFuture<AuthResult> verify(String username, String secret) {
        return CompletableFuture.supplyAsync(() -> authenticator.authenticate(username, secret), verifiers);
    }

    @Override
    public void close() {
        verifiers.shutdownNow();
    }
}
