package io.memcluster.login;

import io.memcluster.auth.AuthResult;
import io.memcluster.auth.Authenticator;
import io.memcluster.auth.LoginThrottle;
import io.memcluster.auth.TokenVerifier;
import io.memcluster.auth.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * What every connection's {@link LoginHandler} shares: the users, the authenticator, the
 * throttle, the counters, and the {@link PasswordChecks}. An Argon2id check costs tens of
 * milliseconds and ~19 MiB; on an event loop it would stall every other connection of that loop,
 * and unbounded it would let a burst of logins exhaust memory. A token (an HMAC) or a client
 * certificate costs microseconds: those are checked at once, never queued behind passwords.
 *
 * <p>Identical attempts in flight (same address, username and password: a client's pool
 * logging in at once) share one check and one place in the throttle, so that a pool of ten
 * costs what one login does and is not throttled as ten guesses would be.
 */
public final class LoginService implements AutoCloseable {

    private final UserDirectory users;
    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final LoginCounters counters;
    private final PasswordChecks checks;
    private final PendingLogins pending;
    private final Map<String, CompletableFuture<LoginOutcome>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param threads password checks run at once; memory is ~19 MiB each
     */
    public LoginService(UserDirectory users, Optional<TokenVerifier> tokens, LoginThrottle throttle,
            LoginCounters counters, int threads) {
        this(users, tokens, throttle, counters, threads, PendingLogins.unbounded());
    }

    /**
     * @param pending the login deadline, and the slots connections not logged in may hold
     */
    public LoginService(UserDirectory users, Optional<TokenVerifier> tokens, LoginThrottle throttle,
            LoginCounters counters, int threads, PendingLogins pending) {
        this.pending = pending;
        this.users = users;
        this.authenticator = new Authenticator(users::users, tokens);
        this.throttle = throttle;
        this.counters = counters;
        this.checks = new PasswordChecks(threads);
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

    public PendingLogins pending() {
        return pending;
    }

    /**
     * Asks the throttle, then checks the credentials: a token at once on the calling thread, a
     * password on the login threads. The throttle learns the outcome here.
     *
     * @param address the client's IP address, without the port
     * @return done at once unless a password check was queued
     */
    CompletableFuture<LoginOutcome> attempt(String address, String username, String secret) {
        if (secret.startsWith(Authenticator.TOKEN_PREFIX)) {
            Optional<LoginOutcome> refused = reserve(address, username);
            if (refused.isPresent()) {
                return CompletableFuture.completedFuture(refused.get());
            }
            return CompletableFuture.completedFuture(settle(address, username,
                    authenticator.authenticate(username, secret)));
        }
        String key = address + ' ' + username + ' ' + digest(secret);
        CompletableFuture<LoginOutcome> outcome = inFlight.computeIfAbsent(key,
                k -> checkPassword(k, address, username, secret));
        if (outcome.isDone()) {
            inFlight.remove(key, outcome); // refused unchecked: nothing to share
        }
        return outcome;
    }

    private CompletableFuture<LoginOutcome> checkPassword(String key, String address, String username,
            String secret) {
        // asked before the reservation, which counts as a failure until the check says otherwise
        LoginThrottle.Standing standing = throttle.standing(address);
        Optional<LoginOutcome> refused = reserve(address, username);
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(refused.get());
        }
        CompletableFuture<AuthResult> check;
        try {
            check = checks.submit(address, standing, () -> authenticator.authenticate(username, secret));
        } catch (RejectedExecutionException e) {
            throttle.release(address, username);
            return CompletableFuture.completedFuture(new LoginOutcome.Busy());
        }
        return check.handle((result, error) -> {
            inFlight.remove(key);
            if (error != null) {
                throw new IllegalStateException("password check failed", error);
            }
            return settle(address, username, result);
        });
    }

    private Optional<LoginOutcome> reserve(String address, String username) {
        var wait = throttle.reserve(address, username);
        return wait.isZero() ? Optional.empty() : Optional.of(new LoginOutcome.Throttled(wait));
    }

    /** A failure stays counted as the throttle reserved it; a success takes it back. */
    private LoginOutcome settle(String address, String username, AuthResult result) {
        if (result instanceof AuthResult.Success) {
            throttle.succeeded(address, username);
        }
        return new LoginOutcome.Checked(result);
    }

    /** Only to tell identical attempts apart, for the milliseconds they are in flight. */
    private static String digest(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public void close() {
        checks.close();
    }
}
