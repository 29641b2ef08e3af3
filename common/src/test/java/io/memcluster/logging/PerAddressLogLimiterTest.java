package io.memcluster.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.memcluster.time.ManualClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class PerAddressLogLimiterTest {

    private static final String REFUSED = "login refused for a connection from {} ({})";

    private final ManualClock clock = new ManualClock();
    private final PerAddressLogLimiter limiter = new PerAddressLogLimiter(clock, 3, Duration.ofMinutes(1), 100);
    private final Logger logger = (Logger) LoggerFactory.getLogger("limited");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(null);
    }

    private List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static InetSocketAddress from(String host, int port) {
        return new InetSocketAddress(host, port);
    }

    private void refused(String host, int port) {
        limiter.log(logger, Level.INFO, from(host, port), REFUSED, from(host, port), "wrong password");
    }

    @Test
    void anAddressRepeatingALineWritesItAFewTimesAWindowAndIsToldSo() {
        for (int port = 1000; port < 1100; port++) {
            refused("127.0.0.1", port);
        }
        assertThat(lines()).containsExactly(
                "login refused for a connection from /127.0.0.1:1000 (wrong password)",
                "login refused for a connection from /127.0.0.1:1001 (wrong password)",
                "login refused for a connection from /127.0.0.1:1002 (wrong password)",
                "login refused for a connection from /127.0.0.1:1003 (wrong password) (more than 3 like it from"
                        + " 127.0.0.1 within 60 s: the rest are not logged)");
    }

    @Test
    void theNextWindowSaysHowManyWereNotLogged() {
        for (int port = 1000; port < 1010; port++) {
            refused("127.0.0.1", port);
        }
        clock.advance(Duration.ofSeconds(59));
        refused("127.0.0.1", 2000);
        clock.advance(Duration.ofSeconds(1));
        refused("127.0.0.1", 2001);
        refused("127.0.0.1", 2002);

        assertThat(lines()).hasSize(6).endsWith(
                "login refused for a connection from /127.0.0.1:2001 (wrong password) (7 more like it from"
                        + " 127.0.0.1 were not logged)",
                "login refused for a connection from /127.0.0.1:2002 (wrong password)");
    }

    @Test
    void addressesAndKindsAreCountedApart() {
        for (int i = 0; i < 10; i++) {
            refused("127.0.0.1", 1000 + i);
            refused("127.0.0.2", 1000 + i);
            limiter.log(logger, Level.WARN, from("127.0.0.1", 1000 + i), "TLS handshake with {} failed", "x");
        }
        assertThat(lines()).filteredOn(line -> line.contains("/127.0.0.1:")).hasSize(4);
        assertThat(lines()).filteredOn(line -> line.contains("/127.0.0.2:")).hasSize(4);
        assertThat(lines()).filteredOn(line -> line.startsWith("TLS handshake")).hasSize(4);
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeen() {
        PerAddressLogLimiter small = new PerAddressLogLimiter(clock, 1, Duration.ofMinutes(1), 2);
        small.log(logger, Level.INFO, from("10.0.0.1", 1), "probe from {}", 1);
        small.log(logger, Level.INFO, from("10.0.0.2", 1), "probe from {}", 2);
        small.log(logger, Level.INFO, from("10.0.0.3", 1), "probe from {}", 3);
        // 10.0.0.1 was forgotten: it starts afresh
        small.log(logger, Level.INFO, from("10.0.0.1", 2), "probe from {}", 4);
        assertThat(lines()).containsExactly("probe from 1", "probe from 2", "probe from 3", "probe from 4");
    }

    @Test
    void aLevelThatIsOffCostsNothing() {
        limiter.log(logger, Level.TRACE, from("127.0.0.1", 1), "probe from {}", 1);
        assertThat(lines()).isEmpty();
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new PerAddressLogLimiter(clock, 0, Duration.ofMinutes(1), 1))
                .hasMessage("linesPerWindow must be at least 1, got 0");
        assertThatThrownBy(() -> new PerAddressLogLimiter(clock, 1, Duration.ZERO, 1))
                .hasMessage("window must be positive, got PT0S");
    }
}
