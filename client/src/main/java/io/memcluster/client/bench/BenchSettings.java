package io.memcluster.client.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a run needs, already checked by {@link BenchCommand}.
 *
 * @param ca the CA file the server's certificate must chain to; null for plaintext
 * @param certificate a client certificate for servers that want one (mutual TLS); or null
 * @param tlsWrapSize bytes of requests gathered into one TLS record at most; 0 wraps each flush
 *     as it is (see {@code BenchCommand.tlsWrapSize} for why 0 is the default)
 * @param username login with memcached's text convention first; null for none
 * @param depth requests each connection keeps in flight
 * @param getRatio the share of requests that are gets, 0 to 1; the rest are sets
 * @param skew the Zipf exponent; unused for a uniform distribution
 * @param duration how long the measured run lasts; null when only {@code requests} bounds it
 * @param requests how many requests the measured run sends in all; 0 when only time bounds it
 * @param warmup load before the measured run, not counted in its figures; zero for none
 * @param replyTimeout the run fails when no reply at all arrives for this long
 */
record BenchSettings(
        String host,
        int port,
        Path ca,
        Path certificate,
        Path key,
        int tlsWrapSize,
        String username,
        String password,
        int connections,
        int threads,
        int depth,
        double getRatio,
        int valueSize,
        int keyCount,
        int keySize,
        String keyPrefix,
        KeyDistribution distribution,
        double skew,
        Duration duration,
        long requests,
        Duration warmup,
        boolean populate,
        long seed,
        Duration replyTimeout) {

    boolean tls() {
        return ca != null;
    }

    boolean login() {
        return username != null;
    }

    /** Keeps the password out of logs and test failure messages. */
    @Override
    public String toString() {
        return "BenchSettings[" + host + ":" + port + (tls() ? " tls" : "") + (login() ? " user " + username : "")
                + ", " + connections + " connections, " + threads + " threads, depth " + depth + ", get ratio "
                + getRatio + ", " + valueSize + "-byte values, " + keyCount + " keys " + distribution
                + (distribution == KeyDistribution.ZIPF ? " " + skew : "") + ", duration " + duration + ", requests "
                + requests + ", warmup " + warmup + (populate ? ", populate" : "") + ", seed " + seed + "]";
    }
}
