package io.memcluster.frontend.security;

import io.memcluster.auth.LoginThrottle;
import io.memcluster.auth.TokenSecret;
import io.memcluster.auth.TokenVerifier;
import io.memcluster.auth.UserAdministration;
import io.memcluster.auth.UserDirectory;
import io.memcluster.config.TlsConfig;
import io.memcluster.frontend.FrontendConfig;
import io.memcluster.login.LoginCounters;
import io.memcluster.login.LoginService;
import io.memcluster.login.PendingLogins;
import io.memcluster.tls.ReloadableServerTls;
import io.memcluster.tls.TlsProviders;
import io.memcluster.time.Clock;
import io.netty.handler.ssl.SslProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a node or coordinator needs to decide who is connecting and what they may do, set
 * up before it listens: the TLS context (null without TLS), the login service (null without auth) and
 * the reloader that keeps both current.
 */
public final class FrontendSecurity implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FrontendSecurity.class);

    /** How often the files are looked at: "a few seconds" after an edit, at the cost of a stat(). */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    /** Password checks at once: Argon2id takes ~19 MiB and tens of ms each. */
    static final int LOGIN_THREADS = 2;

    private final ReloadableServerTls tls;
    private final LoginService login;
    private final UserAdministration userAdministration;
    private final ScheduledExecutorService scheduler;
    private final SecurityReloader reloader;

    private FrontendSecurity(ReloadableServerTls tls, LoginService login, ScheduledExecutorService scheduler) {
        this.tls = tls;
        this.login = login;
        this.userAdministration = login == null ? null : new UserAdministration(login.users());
        this.scheduler = scheduler;
        this.reloader = new SecurityReloader(tls, login == null ? null : login.users(), scheduler);
    }

    /**
     * @param console where the first admin password is shown (standard output)
     * @throws StartException saying what is wrong with the certificates or the users
     */
    public static FrontendSecurity open(FrontendConfig config, Clock clock, SslProvider provider, LoginCounters counters,
            PrintStream console) throws StartException {
        ReloadableServerTls tls = null;
        if (config.tls().enabled()) {
            FirstStartCertificates.ensure(config, clock);
            try {
                tls = ReloadableServerTls.load(config.tls(), provider);
            } catch (SSLException | RuntimeException e) {
                throw new StartException("cannot use the TLS files: " + e.getMessage(), e);
            }
            log.info("TLS 1.2 and 1.3 with {}; certificate {}, client certificates {}", TlsProviders.describe(provider),
                    config.tls().certificate(), config.tls().clientAuth().word());
        }
        LoginService login = null;
        if (config.auth().enabled()) {
            UserDirectory users = FirstStartUsers.load(config.auth().usersFile(), console);
            Optional<TokenVerifier> tokens = config.auth().tokenSecret()
                    .map(secret -> new TokenVerifier(TokenSecret.of(secret), clock));
            PendingLogins pending = new PendingLogins(config.auth().loginTimeout(),
                    config.auth().maxWaitingForLogin(config.maxConnections()));
            login = new LoginService(users, tokens, new LoginThrottle(clock), counters, LOGIN_THREADS, pending);
            log.info("auth on: {} users from {}; tokens {}", users.users().size(), users.path(),
                    tokens.isPresent() ? "accepted" : "refused (no auth.token_secret)");
        } else {
            boolean certificatesOnly = config.tls().enabled()
                    && config.tls().clientAuth() == TlsConfig.ClientAuth.REQUIRE && !config.plain().enabled();
            if (certificatesOnly) {
                // a cluster's node: the coordinator checks users, the node only who holds a certificate
                log.info("logins off: only clients with a certificate from the cluster CA {} connect, and may do"
                        + " everything (tls.client_auth: require)", config.tls().ca());
            } else {
                log.warn("auth is off: every client may read, write and flush everything");
            }
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, config.role() + "-reload");
            thread.setDaemon(true);
            return thread;
        });
        FrontendSecurity security = new FrontendSecurity(tls, login, scheduler);
        security.reloader.start(POLL_INTERVAL);
        return security;
    }

    /** The TLS context in force, or null when the main listener is plaintext. */
    public ReloadableServerTls tls() {
        return tls;
    }

    /** Null when auth is off. */
    public LoginService login() {
        return login;
    }

    /** Null when auth is off. */
    public UserAdministration userAdministration() {
        return userAdministration;
    }

    public SecurityReloader reloader() {
        return reloader;
    }

    @Override
    public void close() {
        reloader.stop();
        scheduler.shutdownNow();
        if (login != null) {
            login.close();
            userAdministration.close();
        }
    }
}
