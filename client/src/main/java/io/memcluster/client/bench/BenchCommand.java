package io.memcluster.client.bench;

import ch.qos.logback.classic.Level;
import io.memcluster.config.ConfigException;
import io.memcluster.config.Durations;
import io.memcluster.config.Sizes;
import io.netty.util.ResourceLeakDetector;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/memcluster bench}: drives a node, the coordinator or memcached and reports what it measured. */
@Command(name = "memcluster bench", sortOptions = false,
        description = {
            "Drives a memcached-protocol server (a node, the coordinator, memcached) with gets and sets over"
                + " plaintext or TLS, then reports ops/s, hit ratio and latency percentiles, each request timed from"
                + " send to reply.",
            "Each connection keeps --depth requests in flight (pipelining). A live progress line goes to standard"
                + " error when it is a terminal, or with --progress.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the run completed without error replies",
            "1:the run failed (connection, TLS, login, no replies) or some requests got error replies",
            "2:invalid arguments"})
public final class BenchCommand implements Callable<Integer> {

    static final String DEFAULT_CA = "data/certs/ca.crt";

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Server to drive (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "11211", description = "Its port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--tls", description = "Connect with TLS 1.2+, verifying the server against --ca.")
    boolean tls;

    @Option(names = "--ca", paramLabel = "FILE", description = "CA certificate (PEM) for --tls (default: " + DEFAULT_CA + ").")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate (PEM) for servers that require one.")
    Path certificate;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key (PKCS#8 PEM) of --cert.")
    Path key;

    /*
     * Netty's SslHandler gathers queued writes into records of up to 16 KiB by default; 0 wraps
     * each written buffer as it comes. folsom needed 0 (STACK.md: pipelined traffic stalled), and
     * here every flush is already one buffer holding all the requests of a read, so 0 also skips
     * the coalescing queue's work for nothing. Kept as a setting to measure both (BENCHMARKS.md).
     */
    @Option(names = "--tls-wrap-size", paramLabel = "BYTES", defaultValue = "0",
            description = "Most request bytes gathered into one TLS record; 0 wraps each flush as it is"
                    + " (default: ${DEFAULT-VALUE}).")
    int tlsWrapSize;

    @Option(names = "--username", paramLabel = "USER",
            description = "Log in first with memcached's text convention (set <key> 0 0 <n> + 'USER PASSWORD').")
    String username;

    @Option(names = "--password", paramLabel = "PASSWORD", description = "Password for --username.")
    String password;

    @Option(names = {"-c", "--connections"}, paramLabel = "N", defaultValue = "32",
            description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "Event-loop threads the connections share (default: CPU count, at most --connections).")
    Integer threads;

    @Option(names = {"-d", "--depth"}, paramLabel = "N", defaultValue = "1",
            description = "Requests in flight per connection: the pipelining depth (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--get-ratio", paramLabel = "R", defaultValue = "0.9",
            description = "Share of requests that are gets, 0 to 1; the rest are sets (default: ${DEFAULT-VALUE}).")
    double getRatio;

    @Option(names = "--value-size", paramLabel = "SIZE", defaultValue = "100",
            description = "Bytes per value set, e.g. 100 or 4k (default: ${DEFAULT-VALUE}).")
    String valueSize;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "100000",
            description = "Distinct keys the requests use (default: ${DEFAULT-VALUE}).")
    int keyCount;

    @Option(names = "--key-size", paramLabel = "BYTES", defaultValue = "16",
            description = "Length of every key: --key-prefix, then a zero-padded number (default: ${DEFAULT-VALUE}).")
    int keySize;

    @Option(names = "--key-prefix", paramLabel = "TEXT", defaultValue = "bench.",
            description = "Start of every key; 'bench.' puts them in namespace bench (default: ${DEFAULT-VALUE}).")
    String keyPrefix;

    @Option(names = "--distribution", paramLabel = "uniform|zipf", defaultValue = "uniform",
            description = "How requests pick keys (default: ${DEFAULT-VALUE}).")
    String distribution;

    @Option(names = "--skew", paramLabel = "S",
            description = "Zipf exponent for --distribution zipf: key of rank r is picked in proportion to 1/r^S"
                    + " (default: 0.99).")
    Double skew;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Length of the measured run, e.g. 30s or 2m (default: 10s; with --requests: no limit).")
    String duration;

    @Option(names = {"-n", "--requests"}, paramLabel = "N",
            description = "Stop the measured run after this many requests in all (and at --duration if given too).")
    Long requests;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0s",
            description = "Load before the measured run, not counted (JIT, caches); e.g. 5s (default: none).")
    String warmup;

    @Option(names = "--populate",
            description = "Set every key once before the run (and the warm-up), so that gets hit.")
    boolean populate;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for keys and the get/set mix; the same seed repeats each connection's requests"
                    + " (default: random, printed in the report).")
    Long seed;

    @Option(names = "--reply-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Fail when no reply at all comes for this long (default: ${DEFAULT-VALUE}).")
    String replyTimeout;

    @Option(names = "--json", description = "Print the report as one JSON object (latencies in microseconds).")
    boolean json;

    @Option(names = "--progress", negatable = true,
            description = "Show (or with --no-progress hide) the live progress line on standard error;"
                    + " by default it shows when standard error is a terminal.")
    Boolean progress;

    @Override
    public Integer call() throws InterruptedException {
        BenchSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchResult result;
        try (LoadRun run = new LoadRun(settings, Progress.forStandardError(progress, err))) {
            result = run.run();
        } catch (BenchException e) {
            err.println("memcluster bench: " + e.getMessage());
            err.flush();
            return 1;
        }
        out.print(json ? ResultJson.format(result) + "\n" : ResultTable.format(result));
        out.flush();
        if (result.counts().errors() > 0) {
            err.printf(Locale.ROOT, "memcluster bench: %,d requests got error replies, the first: %s%s%n",
                    result.counts().errors(), result.firstErrorReply(),
                    "CLIENT_ERROR unauthenticated".equals(result.firstErrorReply()) && username == null
                            ? " (the server wants a login: --username and --password)" : "");
            err.flush();
            return 1;
        }
        return 0;
    }

    /** Every setting checked, with a message naming the flag and what it accepts. */
    BenchSettings settings() {
        check(port >= 1 && port <= 65535, "--port must be 1 to 65535, got " + port);
        check(connections >= 1 && connections <= 10_000, "--connections must be 1 to 10000, got " + connections);
        int threadCount = threads != null ? threads : Math.min(Runtime.getRuntime().availableProcessors(), connections);
        check(threadCount >= 1 && threadCount <= 256, "--threads must be 1 to 256, got " + threadCount);
        check(threadCount <= connections, "--threads " + threadCount + " is more than --connections " + connections
                + ": a thread without a connection would do nothing");
        check(depth >= 1 && depth <= 1024, "--depth must be 1 to 1024, got " + depth);
        check(getRatio >= 0 && getRatio <= 1, "--get-ratio must be 0 to 1 (0.9 = 90% gets), got " + getRatio);

        long valueBytes = size("--value-size", valueSize);
        check(valueBytes <= 128 * Sizes.MB, "--value-size must be at most 128m, got " + valueSize);

        check(keyCount >= 1 && keyCount <= 100_000_000, "--keys must be 1 to 100000000, got " + keyCount);
        check(keyPrefix.chars().allMatch(ch -> ch > ' ' && ch < 127),
                "--key-prefix must be printable ASCII without spaces, got '" + keyPrefix + "'");
        int needed = keyPrefix.length() + KeyTable.digitsFor(keyCount);
        check(keySize >= needed && keySize <= 250, "--key-size must be " + needed + " to 250 for " + keyCount
                + " keys with prefix '" + keyPrefix + "', got " + keySize);
        check((long) keySize * keyCount <= Integer.MAX_VALUE - 8, "--keys " + keyCount + " of --key-size " + keySize
                + " would need a key table over 2 GB; use fewer or shorter keys");

        KeyDistribution keyDistribution;
        try {
            keyDistribution = KeyDistribution.valueOf(distribution.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--distribution must be uniform or zipf, got '" + distribution + "'");
        }
        check(skew == null || keyDistribution == KeyDistribution.ZIPF, "--skew applies to --distribution zipf only");
        double zipfSkew = skew == null ? 0.99 : skew;
        check(zipfSkew > 0 && zipfSkew <= 10, "--skew must be above 0 and at most 10, got " + zipfSkew);

        check(requests == null || requests >= 1, "--requests must be at least 1, got " + requests);
        Duration runFor = duration != null ? duration("--duration", duration)
                : requests == null ? Duration.ofSeconds(10) : null;
        check(runFor == null || !runFor.isZero(), "--duration must be longer than 0");
        Duration warmupFor = duration("--warmup", warmup);
        Duration silence = duration("--reply-timeout", replyTimeout);
        check(silence.toMillis() >= 1000, "--reply-timeout must be at least 1s, got " + replyTimeout);

        Path caFile = null;
        if (tls) {
            caFile = ca != null ? ca : Path.of(DEFAULT_CA);
            check(Files.isReadable(caFile), "cannot read the CA file " + caFile
                    + (ca == null ? " (give --ca FILE, or create it with: bin/memcluster certs generate)" : ""));
            check((certificate == null) == (key == null), "--cert and --key go together");
            check(certificate == null || Files.isReadable(certificate), "cannot read --cert " + certificate);
            check(key == null || Files.isReadable(key), "cannot read --key " + key);
            check(tlsWrapSize >= 0 && tlsWrapSize <= 16384, "--tls-wrap-size must be 0 to 16384, got " + tlsWrapSize);
        } else {
            check(ca == null && certificate == null && key == null, "--ca, --cert and --key need --tls");
        }

        check((username == null) == (password == null), "--username and --password go together");
        if (username != null) {
            check(!username.isEmpty() && username.chars().allMatch(ch -> ch > ' ' && ch != 127),
                    "--username must not be empty or contain spaces");
            // the password travels in the clear in a set's data: never off this machine unencrypted
            check(tls || isLoopback(host), "--password is sent in the clear without --tls; only to a loopback"
                    + " address (" + host + " is not)");
        }

        long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        return new BenchSettings(host, port, caFile, certificate, key, tlsWrapSize, username, password, connections,
                threadCount, depth, getRatio, (int) valueBytes, keyCount, keySize, keyPrefix, keyDistribution, zipfSkew,
                runFor, requests == null ? 0 : requests, warmupFor, populate, runSeed, silence);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private long size(String flag, String text) {
        try {
            return Sizes.parse(text);
        } catch (ConfigException e) {
            throw usage(flag + ": " + e.getMessage());
        }
    }

    private Duration duration(String flag, String text) {
        try {
            return Durations.parse(text);
        } catch (ConfigException e) {
            throw usage(flag + ": " + e.getMessage());
        }
    }

    private void check(boolean condition, String message) {
        if (!condition) {
            throw usage(message);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The command line as the launcher and the tests run it: usage errors in one line, exit code 2. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("memcluster bench: " + e.getMessage());
            err.println("(bin/memcluster bench --help lists every option)");
            err.flush();
            return CommandLine.ExitCode.USAGE;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        // Netty logs ~80 DEBUG lines at start without a configuration; a bench's stderr is for the
        // progress line and errors.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        // Netty samples one buffer in 128 for leak tracking, recording a stack trace each time: work
        // on the hot path that a load generator (whose buffer handling the tests cover) can skip.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        System.exit(commandLine().execute(args));
    }
}
