package io.memcluster.login;

import io.memcluster.auth.AuthResult;
import io.memcluster.auth.LoginThrottle.Standing;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The few threads that run Argon2id password checks, and the checks waiting for them. A check
 * costs tens of milliseconds and ~19 MiB, so a flood of wrong passwords can keep every thread
 * busy; what this decides is who waits.
 *
 * <p>Each {@link Standing} of an address has its own line, served in order: addresses that
 * logged in lately first, then addresses the throttle knows nothing of, then those with
 * failures. A flood from many addresses thus falls into the last line after its first wrong
 * password, and cannot push a known client, nor for long a new one, out of the first lines.
 * Each line holds at most {@value #MAX_WAITING} checks, and one address at most
 * {@value #MAX_PER_ADDRESS} waiting or running: more are refused at once rather than queued.
 */
final class PasswordChecks implements AutoCloseable {

    static final int MAX_WAITING = 64;
    static final int MAX_PER_ADDRESS = 4;

    private record Check(String address, Supplier<AuthResult> work, CompletableFuture<AuthResult> result) {
    }

    private final Map<Standing, ArrayDeque<Check>> lines = new EnumMap<>(Standing.class);
    private final Map<String, Integer> perAddress = new HashMap<>();
    private final List<Thread> workers;
    private boolean closed;

    /** @param threads checks run at once */
    PasswordChecks(int threads) {
        for (Standing standing : Standing.values()) {
            lines.put(standing, new ArrayDeque<>());
        }
        AtomicInteger ids = new AtomicInteger();
        workers = Stream.generate(() -> {
            Thread thread = new Thread(this::work, "login-" + ids.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }).limit(threads).toList();
        workers.forEach(Thread::start);
    }

    /**
     * Queues a check in the line of {@code standing}.
     *
     * @throws RejectedExecutionException when that line, or what {@code address} may have in
     *                                    the lines, is full
     */
    synchronized CompletableFuture<AuthResult> submit(String address, Standing standing, Supplier<AuthResult> work) {
        ArrayDeque<Check> line = lines.get(standing);
        int ofAddress = perAddress.getOrDefault(address, 0);
        if (closed || line.size() >= MAX_WAITING || ofAddress >= MAX_PER_ADDRESS) {
            throw new RejectedExecutionException("password checks are full");
        }
        perAddress.put(address, ofAddress + 1);
        Check check = new Check(address, work, new CompletableFuture<>());
        line.addLast(check);
        notify();
        return check.result();
    }

    private void work() {
        while (true) {
            Check check;
            try {
                check = take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                check.result().complete(check.work().get());
            } catch (RuntimeException | Error e) {
                check.result().completeExceptionally(e);
            } finally {
                done(check.address());
            }
        }
    }

    private synchronized Check take() throws InterruptedException {
        while (true) {
            if (closed) {
                throw new InterruptedException("closed");
            }
            for (ArrayDeque<Check> line : lines.values()) { // in the order of Standing
                if (!line.isEmpty()) {
                    return line.removeFirst();
                }
            }
            wait();
        }
    }

    private synchronized void done(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            lines.values().forEach(line -> line.forEach(
                    check -> check.result().completeExceptionally(new RejectedExecutionException("closed"))));
            lines.values().forEach(ArrayDeque::clear);
            notifyAll();
        }
        workers.forEach(Thread::interrupt);
    }
}
