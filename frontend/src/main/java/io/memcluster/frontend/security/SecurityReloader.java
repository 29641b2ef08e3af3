package io.memcluster.frontend.security;

import io.memcluster.auth.UserDirectory;
import io.memcluster.reload.FileStamps;
import io.memcluster.tls.ReloadableServerTls;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the TLS files and the users when they change (polled) or when asked (SIGHUP), on a
 * scheduler of its own: a reload reads files, builds a TLS context and may hash passwords,
 * none of which belongs on an event loop.
 */
public final class SecurityReloader {

    private static final Logger log = LoggerFactory.getLogger(SecurityReloader.class);

    private final ReloadableServerTls tls;
    private final UserDirectory users;
    private final FileStamps tlsFiles;
    private final FileStamps usersFile;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> polling;

    /** @param tls or null without TLS; @param users or null without auth */
    SecurityReloader(ReloadableServerTls tls, UserDirectory users, ScheduledExecutorService scheduler) {
        this.tls = tls;
        this.users = users;
        this.scheduler = scheduler;
        this.tlsFiles = new FileStamps(tls == null ? List.of()
                : List.of(tls.config().certificate(), tls.config().key(), tls.config().ca()));
        this.usersFile = new FileStamps(users == null ? List.of() : List.of(users.path()));
    }

    void start(Duration pollEvery) {
        polling = scheduler.scheduleWithFixedDelay(this::reloadChanged, pollEvery.toMillis(), pollEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** What SIGHUP does: reload both now, changed or not, on the reload thread. */
    public void requestReload() {
        scheduler.execute(this::reloadAll);
    }

    /** Reloads what changed since the last look; for the poll and for tests that cannot wait. */
    public void reloadChanged() {
        try {
            if (tls != null && tlsFiles.changed()) {
                tls.reload();
            }
            if (users != null && usersFile.changed()) {
                users.reload();
            }
        } catch (RuntimeException e) {
            log.error("reload failed: {}", e.toString());
        }
    }

    private void reloadAll() {
        log.info("SIGHUP: reloading TLS files and users");
        // Take the current state as seen, so the next poll does not reload the same files again.
        tlsFiles.changed();
        usersFile.changed();
        if (tls != null) {
            tls.reload();
        }
        if (users != null) {
            users.reload();
        }
    }

    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }
}
