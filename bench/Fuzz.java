import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Sends a bounded stream of random and mutated memcached text-protocol commands to one server,
 * for the fuzz section of bench/compare-memcached.sh.
 *
 * <pre>java bench/Fuzz.java HOST PORT [options]
 *   --seconds N        stop after N seconds [600]
 *   --max-commands N   stop after N commands [100000000]
 *   --connections N    sessions running at once, one connection each [32]
 *   --seed N           the same seed sends the same sessions in the same order [1]
 *   --keys N           size of the shared key space (k0 .. k(N-1), ns0.k0 ...) [10000]
 *   --parked N         half-open connections kept at most (a partial command, then silence) [64]
 *   --memory-mb N      the server's memory limit: the only value cache_memlimit is sent with [64]
 *   --pid PID          a process serving the port (repeatable): its VmRSS is sampled every second
 *                      (peak reported) and the run stops, reported as a crash, if it is gone
 *   --report FILE      also write reply kinds, session kinds and any Java text seen to FILE
 *   --kinds LIST       only these session kinds (comma-separated; see {@link Kind}) [all]</pre>
 *
 * <p>Each of the --connections workers runs sessions one after another, each on a fresh
 * connection: pipelined batches of valid commands (classic and meta, random keys, values, flags,
 * exptimes), near-valid ones (mutated numbers, lengths, keys, flags, line endings, NUL and binary
 * bytes, long lines, huge lengths) and garbage; floods of thousands of pipelined commands; slow
 * readers (small receive buffer, small reads with pauses); abrupt disconnects mid-command (FIN or
 * RST); half-open connections left with a partial command or unread replies for up to 30 s; bare
 * connects; binary noise. Each worker's sessions come from its own generator seeded from --seed,
 * so two servers fuzzed with the same seed get the same sessions in the same order (how far each
 * gets in the time given differs).
 *
 * <p>Replies are read and framed as memcached frames them (data blocks after {@code VALUE} and
 * {@code VA} lines are skipped), and every other line is checked for Java exception text or a
 * stack trace, which must never reach a client. A fresh connection probes the server with
 * {@code version} every 2 s; a probe unanswered after 5 s counts as a failure (a hang).
 *
 * <p>The last lines of the output are {@code result <name> <value>}, for the script. Single
 * file, no dependencies: it runs with the JDK's source launcher. Loopback only.
 */
public final class Fuzz {

    static final int MAX_CONNECTIONS = 1024;
    static final long MAX_COMMANDS = 1_000_000_000L;
    static final int MAX_SECONDS = 24 * 3600;
    static final int PROBE_INTERVAL_MS = 2_000;
    static final int PROBE_TIMEOUT_MS = 5_000;
    /** How long a session waits for its closing {@code version} to be answered. */
    static final int MARKER_WAIT_MS = 1_000;
    static final int VALUE_POOL = 2 * 1024 * 1024 + 4096;
    static final byte[] MARKER = ascii("version\r\n");

    /** What a client must never see: Java exception text or a stack frame. */
    static final Pattern JAVA_TEXT = Pattern.compile(
            "Exception|Throwable|StackOverflow|OutOfMemoryError|NullPointer|IndexOutOfBounds|Caused by:"
                    + "|java\\.[a-z]|javax\\.|jdk\\.internal|io\\.netty\\.|io\\.memcluster\\.|org\\.slf4j"
                    + "|^\\s*at [A-Za-z_$][\\w$]*(\\.[\\w$<>]+)+\\(");

    // --- options
    final InetAddress address;
    final int port;
    final long seed;
    final int seconds;
    final long maxCommands;
    final int connections;
    final int keySpace;
    final int parkedMax;
    final int memoryMb;
    final List<Long> pids;
    final Path report;
    final java.util.Set<Kind> kinds;

    // --- counters
    final LongAdder commands = new LongAdder();
    final LongAdder validCommands = new LongAdder();
    final LongAdder mutatedCommands = new LongAdder();
    final LongAdder garbageCommands = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder replyLines = new LongAdder();
    final LongAdder sessions = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    final LongAdder resets = new LongAdder();
    final LongAdder unanswered = new LongAdder();
    final LongAdder ioErrors = new LongAdder();
    final List<String> ioErrorSamples = new ArrayList<>();
    final LongAdder javaLines = new LongAdder();
    final LongAdder probes = new LongAdder();
    final LongAdder probeFailures = new LongAdder();
    final AtomicLong probeMaxMillis = new AtomicLong();
    final AtomicLong budget;
    final Map<String, LongAdder> replyKinds = new ConcurrentHashMap<>();
    final Map<String, LongAdder> sessionKinds = new ConcurrentHashMap<>();
    final List<String> javaSamples = new ArrayList<>();
    final long[] peakRss;
    final long[] lastRss;

    // --- run state
    final long started = System.nanoTime();
    final long deadline;
    volatile boolean stop;
    volatile String stopReason = "time";
    volatile String crashed = "no";
    final AtomicLong consecutiveRefusals = new AtomicLong();
    /** Every socket open now, with the time (nanoTime) after which the watchdog closes it. */
    final Map<Socket, Long> open = new ConcurrentHashMap<>();
    final ArrayDeque<Socket> parked = new ArrayDeque<>();
    final ExecutorService readers = Executors.newCachedThreadPool(daemon("fuzz-reader"));
    final byte[] pool;

    Fuzz(InetAddress address, int port, long seed, int seconds, long maxCommands, int connections, int keySpace,
            int parkedMax, int memoryMb, List<Long> pids, Path report, java.util.Set<Kind> kinds) {
        this.address = address;
        this.port = port;
        this.seed = seed;
        this.seconds = seconds;
        this.maxCommands = maxCommands;
        this.connections = connections;
        this.keySpace = keySpace;
        this.parkedMax = parkedMax;
        this.memoryMb = memoryMb;
        this.pids = pids;
        this.report = report;
        this.kinds = kinds;
        this.budget = new AtomicLong(maxCommands);
        this.deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        this.peakRss = new long[pids.size()];
        this.lastRss = new long[pids.size()];
        // Values are slices of one random pool: the same for every run with the same seed.
        pool = new byte[VALUE_POOL];
        new Random(seed ^ 0x5DEECE66DL).nextBytes(pool);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            usage("HOST and PORT are required");
        }
        InetAddress address = InetAddress.getByName(args[0]);
        if (!address.isLoopbackAddress()) {
            fail(args[0] + " is not a loopback address; Fuzz only fuzzes servers on this machine");
        }
        int port = (int) number(args[1], "PORT", 1, 65535);
        long seed = 1;
        int seconds = 600;
        long maxCommands = 100_000_000L;
        int connections = 32;
        int keys = 10_000;
        int parked = 64;
        int memoryMb = 64;
        List<Long> pids = new ArrayList<>();
        Path report = null;
        java.util.Set<Kind> kinds = java.util.EnumSet.allOf(Kind.class);
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                usage(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--seconds" -> seconds = (int) number(value, option, 1, MAX_SECONDS);
                case "--max-commands" -> maxCommands = number(value, option, 1, MAX_COMMANDS);
                case "--connections" -> connections = (int) number(value, option, 1, MAX_CONNECTIONS);
                case "--seed" -> seed = number(value, option, Long.MIN_VALUE, Long.MAX_VALUE);
                case "--keys" -> keys = (int) number(value, option, 1, 100_000_000);
                case "--parked" -> parked = (int) number(value, option, 0, MAX_CONNECTIONS);
                case "--memory-mb" -> memoryMb = (int) number(value, option, 8, 1_000_000);
                case "--pid" -> pids.add(number(value, option, 1, Long.MAX_VALUE));
                case "--report" -> report = Path.of(value);
                case "--kinds" -> {
                    kinds = java.util.EnumSet.noneOf(Kind.class);
                    for (String k : value.split(",")) {
                        try {
                            kinds.add(Kind.valueOf(k.trim().toUpperCase()));
                        } catch (IllegalArgumentException e) {
                            usage("unknown session kind " + k + " (kinds: "
                                    + java.util.Arrays.toString(Kind.values()).toLowerCase() + ")");
                        }
                    }
                }
                default -> usage("unknown option " + option);
            }
        }
        new Fuzz(address, port, seed, seconds, maxCommands, connections, keys, parked, memoryMb, pids, report, kinds)
                .run();
    }

    void run() throws Exception {
        System.out.printf("fuzz: %s:%d, seed %d, up to %d s and %d commands, %d connections at a time, "
                + "%d keys, up to %d half-open%s%n", address.getHostAddress(), port, seed, seconds, maxCommands,
                connections, keySpace, parkedMax, kinds.size() == Kind.values().length ? ""
                        : ", sessions " + kinds.toString().toLowerCase());
        for (int i = 0; i < pids.size(); i++) {
            peakRss[i] = lastRss[i] = rssKb(pids.get(i));
        }
        Thread monitor = new Thread(this::monitor, "fuzz-monitor");
        monitor.setDaemon(true);
        monitor.start();
        Thread prober = new Thread(this::probeLoop, "fuzz-probe");
        prober.setDaemon(true);
        prober.start();
        List<Thread> workers = new ArrayList<>();
        Random seeds = new Random(seed);
        for (int i = 0; i < connections; i++) {
            long workerSeed = seeds.nextLong();
            Thread t = new Thread(() -> worker(workerSeed), "fuzz-worker-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            // sessions are bounded by the watchdog: a worker past the deadline + 30 s is stuck
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) + 30_000);
        }
        stop = true;
        closeAll();
        prober.join(PROBE_TIMEOUT_MS + 1_000);
        readers.shutdown();
        readers.awaitTermination(5, TimeUnit.SECONDS);
        sampleRss();
        double elapsed = (System.nanoTime() - started) / 1e9;
        printResults(elapsed);
        if (report != null) {
            writeReport(elapsed);
        }
    }

    // ------------------------------------------------------------------ workers and sessions

    void worker(long workerSeed) {
        Random sessionSeeds = new Random(workerSeed);
        while (!stop) {
            // one generator per session: how far a run gets does not change what each session sends
            Random r = new Random(sessionSeeds.nextLong());
            try {
                session(r);
            } catch (RuntimeException e) {
                // a bug in the fuzzer itself: report it, keep going
                System.err.println("fuzz: session failed: " + e);
            }
        }
    }

    enum Kind { NORMAL, FLOOD, SLOW_READER, ABRUPT, HALF_OPEN, UNREAD, CONNECT_ONLY, BINARY }

    Kind pickKind(Random r) {
        Kind k;
        do {
            k = kindOf(r.nextInt(100));
        } while (!kinds.contains(k));
        return k;
    }

    static Kind kindOf(int p) {
        if (p < 55) return Kind.NORMAL;
        if (p < 63) return Kind.FLOOD;
        if (p < 69) return Kind.SLOW_READER;
        if (p < 80) return Kind.ABRUPT;
        if (p < 86) return Kind.HALF_OPEN;
        if (p < 90) return Kind.UNREAD;
        if (p < 95) return Kind.CONNECT_ONLY;
        return Kind.BINARY;
    }

    void session(Random r) {
        Kind kind = pickKind(r);
        Gen gen = new Gen(r);
        sessionKinds.computeIfAbsent(kind.name().toLowerCase(), k -> new LongAdder()).increment();
        Socket socket = new Socket();
        try {
            if (kind == Kind.SLOW_READER) {
                socket.setReceiveBufferSize(4096);
            }
            try {
                socket.connect(new InetSocketAddress(address, port), 3_000);
            } catch (IOException e) {
                connectFailures.increment();
                if (consecutiveRefusals.incrementAndGet() > 50) {
                    halt("the server refused 50 connections in a row: " + e.getMessage());
                }
                sleep(100);
                return;
            }
            consecutiveRefusals.set(0);
            sessions.increment();
            socket.setTcpNoDelay(true);
            // what a session may take before the watchdog closes its socket (and so unblocks it)
            long limitMs = kind == Kind.SLOW_READER ? 1_000 + r.nextInt(5_000) : kind == Kind.UNREAD ? 3_000 : 15_000;
            open.put(socket, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs));
            switch (kind) {
                case NORMAL -> normal(socket, gen, r);
                case FLOOD -> flood(socket, gen, r);
                case SLOW_READER -> slowReader(socket, gen, r);
                case ABRUPT -> abrupt(socket, gen, r);
                case HALF_OPEN, UNREAD -> {
                    if (halfOpen(socket, gen, r, kind == Kind.UNREAD)) {
                        socket = null; // parked: closed later by the monitor
                    }
                }
                case CONNECT_ONLY -> sleep(r.nextInt(300));
                case BINARY -> binary(socket, gen, r);
            }
        } catch (IOException e) {
            countIoFailure(e);
        } finally {
            if (socket != null) {
                open.remove(socket);
                closeQuietly(socket, r.nextInt(4) == 0);
            }
        }
    }

    /** Pipelined batches of mixed commands, then {@code version}, waiting for its answer. */
    void normal(Socket socket, Gen gen, Random r) throws IOException {
        Reader reader = startReader(socket, false);
        OutputStream out = socket.getOutputStream();
        int batches = 1 + r.nextInt(10);
        long markers = 0;
        for (int b = 0; b < batches && !stop && !reader.done; b++) {
            Batch batch = new Batch();
            int n = 1 + r.nextInt(32);
            for (int i = 0; i < n && take(); i++) {
                batch.add(gen.any());
            }
            if (batch.isEmpty()) {
                break;
            }
            markers += batch.versions;
            send(out, batch.bytes());
            if (r.nextInt(4) == 0) {
                sleep(r.nextInt(5));
            }
        }
        finish(out, reader, markers);
    }

    /** Thousands of small valid commands in one write. */
    void flood(Socket socket, Gen gen, Random r) throws IOException {
        Reader reader = startReader(socket, false);
        OutputStream out = socket.getOutputStream();
        Batch batch = new Batch();
        int n = 200 + r.nextInt(2_800);
        for (int i = 0; i < n && take(); i++) {
            batch.add(gen.small());
        }
        send(out, batch.bytes());
        finish(out, reader, batch.versions);
    }

    /** Many large replies asked for on a 4 kB receive buffer, read 512 bytes at a time with pauses. */
    void slowReader(Socket socket, Gen gen, Random r) throws IOException {
        Reader reader = startReader(socket, true);
        OutputStream out = socket.getOutputStream();
        int n = 20 + r.nextInt(480);
        for (int i = 0; i < n && !stop && !reader.done && take(); i++) {
            Batch batch = new Batch();
            batch.add(gen.bigRead());
            send(out, batch.bytes());
        }
        // the watchdog closes it at its deadline (1-6 s): the server sees a reader that gave up
        while (!stop && !reader.done && !socket.isClosed()) {
            sleep(50);
        }
    }

    /** A batch cut anywhere, then a close (RST for half of them). */
    void abrupt(Socket socket, Gen gen, Random r) throws IOException {
        Reader reader = r.nextBoolean() ? startReader(socket, false) : null;
        Batch batch = new Batch();
        int n = 1 + r.nextInt(32);
        for (int i = 0; i < n && take(); i++) {
            batch.add(gen.any());
        }
        byte[] bytes = batch.bytes();
        int cut = bytes.length == 0 ? 0 : r.nextInt(bytes.length);
        socket.getOutputStream().write(bytes, 0, cut);
        bytesSent.add(cut);
        if (r.nextInt(3) == 0) {
            sleep(r.nextInt(50));
        }
        if (r.nextBoolean()) {
            socket.setSoLinger(true, 0);
        }
        if (reader != null) {
            reader.expectClose = true;
        }
    }

    /**
     * A partial command (an unfinished line, a storage command's header and part of its data, a
     * long get line without its newline) or, with {@code unread}, requests for large replies that
     * are never read. Then the connection is parked: silent for 2-30 s, then closed.
     */
    boolean halfOpen(Socket socket, Gen gen, Random r, boolean unread) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] partial;
        if (unread) {
            Batch batch = new Batch();
            int n = 20 + r.nextInt(200);
            for (int i = 0; i < n && take(); i++) {
                batch.add(gen.bigGet());
            }
            partial = batch.bytes();
        } else {
            if (!take()) {
                return false;
            }
            partial = gen.partial();
            count(1, 1);
        }
        // the write may block on unread replies: the watchdog's deadline (3 s) bounds it
        send(out, partial);
        long closeAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000 + r.nextInt(28_000));
        synchronized (parked) {
            while (parked.size() >= parkedMax && !parked.isEmpty()) {
                Socket oldest = parked.poll();
                open.remove(oldest);
                closeQuietly(oldest, false);
            }
            if (parkedMax == 0 || stop) {
                return false;
            }
            parked.add(socket);
            open.put(socket, closeAt);
        }
        return true;
    }

    /** Random bytes (some with the binary protocol's magic byte first), then version. */
    void binary(Socket socket, Gen gen, Random r) throws IOException {
        Reader reader = startReader(socket, false);
        OutputStream out = socket.getOutputStream();
        if (!take()) {
            return;
        }
        count(2, 1);
        byte[] noise = new byte[1 + r.nextInt(r.nextBoolean() ? 64 : 65_536)];
        r.nextBytes(noise);
        if (r.nextInt(4) == 0) {
            noise[0] = (byte) 0x80;
        }
        send(out, noise);
        finish(out, reader, 0);
    }

    /** Sends the closing version, waits a while for every version to be answered, then leaves. */
    void finish(OutputStream out, Reader reader, long markers) throws IOException {
        if (stop || reader.done) {
            return;
        }
        send(out, MARKER);
        markers++;
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MARKER_WAIT_MS);
        synchronized (reader) {
            while (reader.versions < markers && !reader.done && !stop) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    reader.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (reader.versions < markers && !stop) {
                unanswered.increment();
            }
            reader.expectClose = true;
        }
    }

    void send(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        bytesSent.add(bytes.length);
    }

    /** Takes one command from the budget; false (and the run stops) once it is spent. */
    boolean take() {
        if (stop) {
            return false;
        }
        if (budget.getAndDecrement() <= 0) {
            halt("commands");
            return false;
        }
        return true;
    }

    void count(int category, int n) {
        commands.add(n);
        (category == 0 ? validCommands : category == 1 ? mutatedCommands : garbageCommands).add(n);
    }

    void countIoFailure(IOException e) {
        if (stop) {
            return;
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("reset") || m.contains("Broken pipe")) {
            resets.increment();
        } else if (!m.contains("Socket closed") && !m.contains("Socket is closed")) {
            ioErrors.increment();
            synchronized (ioErrorSamples) {
                if (ioErrorSamples.size() < 10) {
                    ioErrorSamples.add(e.toString());
                }
            }
        }
    }

    /** Pipelined commands for one write; counts them by category and the versions among them. */
    final class Batch {
        private final java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        long versions;
        int n;

        void add(Cmd c) {
            buf.writeBytes(c.bytes);
            versions += c.versions;
            count(c.category, 1);
            n++;
        }

        boolean isEmpty() {
            return n == 0;
        }

        byte[] bytes() {
            return buf.toByteArray();
        }
    }

    // ------------------------------------------------------------------ replies

    Reader startReader(Socket socket, boolean slow) throws IOException {
        Reader reader = new Reader(socket.getInputStream(), slow, socket);
        readers.execute(reader);
        return reader;
    }

    /** Reads one connection's replies as memcached frames them; counts lines, looks for Java text. */
    final class Reader implements Runnable {
        final InputStream in;
        final boolean slow;
        final Socket socket;
        volatile boolean done;
        volatile boolean expectClose;
        long versions;
        private final byte[] line = new byte[8192];
        private int lineLength;
        private boolean lineOverflow;
        private long skip;

        Reader(InputStream in, boolean slow, Socket socket) {
            this.in = in;
            this.slow = slow;
            this.socket = socket;
        }

        @Override
        public void run() {
            byte[] buf = new byte[slow ? 512 : 65_536];
            Random pause = new Random(socket.getLocalPort());
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    bytesReceived.add(n);
                    parse(buf, n);
                    if (slow) {
                        sleep(5 + pause.nextInt(30));
                    }
                }
                if (!expectClose && !stop) {
                    closedByServer.increment();
                }
            } catch (IOException e) {
                if (!expectClose && !socket.isClosed()) {
                    countIoFailure(e);
                }
            } finally {
                synchronized (this) {
                    done = true;
                    notifyAll();
                }
            }
        }

        private void parse(byte[] buf, int n) {
            int i = 0;
            while (i < n) {
                if (skip > 0) {
                    int k = (int) Math.min(skip, n - i);
                    i += k;
                    skip -= k;
                    continue;
                }
                byte b = buf[i++];
                if (b == '\n') {
                    line();
                    lineLength = 0;
                    lineOverflow = false;
                } else if (lineLength < line.length) {
                    line[lineLength++] = b;
                } else {
                    lineOverflow = true;
                }
            }
        }

        private void line() {
            int length = lineLength;
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            replyLines.increment();
            String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
            if (JAVA_TEXT.matcher(text).find()) {
                javaLines.increment();
                synchronized (javaSamples) {
                    if (javaSamples.size() < 20) {
                        javaSamples.add(printable(text));
                    }
                }
            }
            if (text.startsWith("VALUE ")) {
                // VALUE <key> <flags> <bytes> [<cas>]
                String[] f = text.split(" ");
                skip = f.length >= 4 ? dataLength(f[3]) : 0;
                kind("VALUE");
            } else if (text.startsWith("VA ")) {
                String[] f = text.split(" ");
                skip = f.length >= 2 ? dataLength(f[1]) : 0;
                kind("VA");
            } else if (text.startsWith("VERSION ")) {
                kind("VERSION");
                synchronized (this) {
                    versions++;
                    notifyAll();
                }
            } else if (text.startsWith("STAT ")) {
                kind("STAT");
            } else if (text.startsWith("key=")) {
                kind("key= (metadump)");
            } else if (text.startsWith("CLIENT_ERROR") || text.startsWith("SERVER_ERROR")) {
                kind(printable(text.length() > 70 ? text.substring(0, 70) : text));
            } else if (text.length() >= 2 && text.length() <= 40 && text.chars().allMatch(c -> c > ' ' && c < 127)
                    && !Character.isDigit(text.charAt(0))) {
                kind(text);
            } else {
                // numbers (incr), meta replies with flags, and anything not on a list
                String first = text.split(" ", 2)[0];
                kind(first.isEmpty() ? "(empty line)"
                        : Character.isDigit(first.charAt(0)) ? "(number)"
                        : first.length() <= 3 && first.chars().allMatch(Character::isLetter) ? first + " ..."
                        : "(other)");
            }
            if (lineOverflow) {
                kind("(line over 8 kB)");
            }
        }

        private long dataLength(String s) {
            try {
                long v = Long.parseLong(s);
                return v < 0 ? 0 : v + 2;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    void kind(String k) {
        LongAdder a = replyKinds.get(k);
        if (a == null) {
            if (replyKinds.size() >= 300) {
                k = "(other kinds)";
            }
            a = replyKinds.computeIfAbsent(k, x -> new LongAdder());
        }
        a.increment();
    }

    // ------------------------------------------------------------------ monitor, probe, watchdog

    void monitor() {
        long nextSample = 0;
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stop) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                halt("time");
                break;
            }
            for (Map.Entry<Socket, Long> e : open.entrySet()) {
                if (now - e.getValue() >= 0) {
                    Socket s = e.getKey();
                    open.remove(s);
                    synchronized (parked) {
                        parked.remove(s);
                    }
                    closeQuietly(s, false);
                }
            }
            if (now - nextSample >= 0) {
                nextSample = now + TimeUnit.SECONDS.toNanos(1);
                sampleRss();
                for (int i = 0; i < pids.size(); i++) {
                    if (lastRss[i] < 0) {
                        crashed = "pid " + pids.get(i);
                        halt("process " + pids.get(i) + " is gone");
                    }
                }
            }
            if (now - nextProgress >= 0) {
                nextProgress = now + TimeUnit.SECONDS.toNanos(60);
                StringBuilder rss = new StringBuilder();
                for (int i = 0; i < pids.size(); i++) {
                    rss.append(i == 0 ? ", VmRSS kB " : " ").append(lastRss[i]);
                }
                System.out.printf("fuzz: %d s: %,d commands, %,d sessions, %,d reply lines%s%n",
                        TimeUnit.NANOSECONDS.toSeconds(now - started), commands.sum(), sessions.sum(),
                        replyLines.sum(), rss);
            }
            sleep(100);
        }
        closeAll();
    }

    void probeLoop() {
        while (!stop) {
            long t0 = System.nanoTime();
            boolean ok = false;
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), PROBE_TIMEOUT_MS);
                s.setSoTimeout(PROBE_TIMEOUT_MS);
                s.getOutputStream().write(MARKER);
                InputStream in = s.getInputStream();
                StringBuilder sb = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0 && c != '\n' && sb.length() < 200) {
                    sb.append((char) c);
                }
                ok = sb.toString().startsWith("VERSION ");
            } catch (IOException e) {
                ok = false;
            }
            if (stop) {
                break;
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            probes.increment();
            probeMaxMillis.accumulateAndGet(ms, Math::max);
            if (!ok) {
                probeFailures.increment();
                System.out.printf("fuzz: probe at %d s: no VERSION within %d ms%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), ms);
            }
            sleep(PROBE_INTERVAL_MS);
        }
    }

    void sampleRss() {
        for (int i = 0; i < pids.size(); i++) {
            long kb = rssKb(pids.get(i));
            lastRss[i] = kb;
            if (kb > peakRss[i]) {
                peakRss[i] = kb;
            }
        }
    }

    static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    void halt(String reason) {
        synchronized (this) {
            if (!stop) {
                stopReason = reason;
                stop = true;
            }
        }
    }

    void closeAll() {
        for (Socket s : open.keySet()) {
            open.remove(s);
            closeQuietly(s, false);
        }
        synchronized (parked) {
            for (Socket s : parked) {
                closeQuietly(s, false);
            }
            parked.clear();
        }
    }

    static void closeQuietly(Socket s, boolean reset) {
        try {
            if (reset && !s.isClosed()) {
                s.setSoLinger(true, 0);
            }
        } catch (SocketException ignored) {
            // closing anyway
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    // ------------------------------------------------------------------ output

    void printResults(double elapsed) {
        PrintStream o = System.out;
        o.printf("fuzz: done after %.1f s (%s): %,d commands (%,d valid, %,d near-valid, %,d garbage) in %,d sessions%n",
                elapsed, stopReason, commands.sum(), validCommands.sum(), mutatedCommands.sum(), garbageCommands.sum(),
                sessions.sum());
        o.printf("fuzz: %,d reply lines, %,d bytes sent, %,d received; closed by the server %,d, resets %,d, "
                + "refused %,d, unanswered closing version %,d%n", replyLines.sum(), bytesSent.sum(),
                bytesReceived.sum(), closedByServer.sum(), resets.sum(), connectFailures.sum(), unanswered.sum());
        o.printf("fuzz: Java text on the wire: %d line(s); probes %d, unanswered %d, slowest %d ms; crashed: %s%n",
                javaLines.sum(), probes.sum(), probeFailures.sum(), probeMaxMillis.get(), crashed);
        synchronized (javaSamples) {
            for (String s : javaSamples) {
                o.println("fuzz: Java text: " + s);
            }
        }
        o.printf("result seconds %.1f%n", elapsed);
        o.println("result stop_reason " + stopReason.replace(' ', '_'));
        o.println("result commands " + commands.sum());
        o.println("result commands_valid " + validCommands.sum());
        o.println("result commands_mutated " + mutatedCommands.sum());
        o.println("result commands_garbage " + garbageCommands.sum());
        o.println("result sessions " + sessions.sum());
        o.println("result bytes_sent " + bytesSent.sum());
        o.println("result bytes_received " + bytesReceived.sum());
        o.println("result reply_lines " + replyLines.sum());
        o.println("result closed_by_server " + closedByServer.sum());
        o.println("result resets " + resets.sum());
        o.println("result connect_failures " + connectFailures.sum());
        o.println("result other_io_errors " + ioErrors.sum());
        o.println("result unanswered_sessions " + unanswered.sum());
        o.println("result java_text_lines " + javaLines.sum());
        o.println("result probes " + probes.sum());
        o.println("result probe_failures " + probeFailures.sum());
        o.println("result probe_max_ms " + probeMaxMillis.get());
        o.println("result crashed " + crashed.replace(' ', '_'));
        for (int i = 0; i < pids.size(); i++) {
            o.println("result peak_rss_kb_" + pids.get(i) + " " + peakRss[i]);
        }
    }

    void writeReport(double elapsed) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("Fuzz of %s:%d, seed %d, %.1f s, stopped by %s%n%n", address.getHostAddress(), port,
                seed, elapsed, stopReason));
        sb.append("Sessions by kind:\n");
        sessionKinds.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(String.format("  %-14s %,12d%n", e.getKey(), e.getValue().sum())));
        sb.append("\nReply lines by kind (first words; error reasons in full):\n");
        replyKinds.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .forEach(e -> sb.append(String.format("  %,12d  %s%n", e.getValue().sum(), e.getKey())));
        sb.append("\nOther I/O errors (first 10):\n");
        synchronized (ioErrorSamples) {
            for (String e : ioErrorSamples) {
                sb.append("  ").append(e).append('\n');
            }
        }
        sb.append("\nJava text seen on the wire (first 20 lines):\n");
        synchronized (javaSamples) {
            if (javaSamples.isEmpty()) {
                sb.append("  none\n");
            }
            for (String s : javaSamples) {
                sb.append("  ").append(s).append('\n');
            }
        }
        Files.writeString(report, sb.toString());
    }

    // ------------------------------------------------------------------ commands

    /** One command's bytes, its category (0 valid, 1 near-valid, 2 garbage) and the versions in it. */
    record Cmd(byte[] bytes, int category, int versions) {
    }

    static final String[] EVIL_NUMBERS = {"-1", "0", "-0", "+1", "4294967295", "4294967296", "2147483647",
        "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "99999999999999999999999999", "0x10", "1e3", "1.5", "",
        "00000000000000000000001", "-", "+", "abc", "2592000", "2592001", "1048576", "1048577", "1048518"};
    static final String[] STATS_ARGS = {"", " items", " slabs", " settings", " sizes", " conns", " detail on",
        " detail dump", " detail off", " namespaces", " extstore", " reset", " cachedump 1 10", " bogus",
        " items items", " slabs x y z"};
    static final char[] KEY_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789......____----::::!#$%&*+/=?@^|~"
                    .toCharArray();
    static final char[] ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    /** Makes commands from one session's generator. */
    final class Gen {
        final Random r;

        Gen(Random r) {
            this.r = r;
        }

        /** Valid 75%, near-valid 22%, garbage 3%. */
        Cmd any() {
            int p = r.nextInt(100);
            if (p < 75) {
                return cmd(valid(), 0);
            }
            if (p < 97) {
                return cmd(mutate(valid()), 1);
            }
            return cmd(garbage(), 2);
        }

        /** A small valid get or set, for floods. */
        Cmd small() {
            String key = "k" + r.nextInt(keySpace);
            if (r.nextInt(10) < 8) {
                return cmd(ascii((r.nextBoolean() ? "get " : "mg ") + key + (r.nextBoolean() ? "" : " v f t") + "\r\n"), 0);
            }
            int len = r.nextInt(200);
            return cmd(concat(ascii("set " + key + " " + flags() + " 0 " + len + (r.nextInt(3) == 0 ? " noreply" : "")
                    + "\r\n"), value(len), CRLF), 0);
        }

        /** A read with a large reply: a multiget over many keys, or a big value stored then read. */
        Cmd bigRead() {
            if (r.nextInt(10) == 0) {
                int len = 64 * 1024 + r.nextInt(512 * 1024);
                String key = "big" + r.nextInt(64);
                return cmd(concat(ascii("set " + key + " 0 0 " + len + " noreply\r\n"), value(len), CRLF,
                        ascii("get " + key + " " + key + " " + key + "\r\n")), 0);
            }
            return bigGet();
        }

        /** A multiget over many keys, a third of them big ones. */
        Cmd bigGet() {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? "gets" : "get");
            int n = 10 + r.nextInt(200);
            for (int i = 0; i < n; i++) {
                sb.append(' ').append(r.nextInt(3) == 0 ? "big" + r.nextInt(64) : "k" + r.nextInt(keySpace));
            }
            return cmd(ascii(sb.append("\r\n").toString()), 0);
        }

        Cmd cmd(byte[] bytes, int category) {
            return new Cmd(bytes, category, countVersions(bytes));
        }

        /** Only whole "version" lines at the start of the buffer or after a newline count. */
        int countVersions(byte[] b) {
            int count = 0;
            for (int i = 0; i + MARKER.length <= b.length; i++) {
                if ((i == 0 || b[i - 1] == '\n') && b[i] == 'v' && regionMatches(b, i, MARKER)) {
                    count++;
                }
            }
            // a mutated stream may hide or reveal a version: the session waits for what it counts
            return count;
        }

        // ---- valid commands

        byte[] valid() {
            int p = r.nextInt(100_000);
            if (p < 28_000) return retrieval();
            if (p < 53_000) return storage();
            if (p < 58_000) return delete();
            if (p < 63_000) return arithmetic();
            if (p < 66_000) return touch();
            if (p < 75_000) return metaGet();
            if (p < 84_000) return metaSet();
            if (p < 87_000) return metaDelete();
            if (p < 91_000) return metaArithmetic();
            if (p < 92_500) return ascii("mn\r\n");
            if (p < 94_000) return ascii("me " + key() + (r.nextInt(4) == 0 ? " b" : "") + "\r\n");
            if (p < 96_500) return ascii("stats" + STATS_ARGS[r.nextInt(STATS_ARGS.length)] + "\r\n");
            if (p < 97_500) return ascii("version\r\n");
            if (p < 98_000) return ascii("verbosity 0" + (r.nextBoolean() ? " noreply" : "") + "\r\n");
            if (p < 98_300) return ascii("cache_memlimit " + memoryMb + (r.nextBoolean() ? " noreply" : "") + "\r\n");
            if (p < 98_500) return ascii("shutdown" + (r.nextBoolean() ? " graceful" : "") + "\r\n");
            if (p < 98_510) return ascii("lru_crawler metadump " + (r.nextBoolean() ? "all" : "1") + "\r\n");
            if (p < 98_600) return ascii("lru_crawler " + pick("crawl all", "bogus", "metadump", "mgdump 1") + "\r\n");
            if (p < 98_601) {
                // rare: a flush empties the cache, and what is live is what the memory figure is about
                return ascii("flush_all" + pick("", " 0", " 2", " noreply") + "\r\n");
            }
            if (p < 99_000) return ascii("quit\r\n");
            return ascii(pick("bogus", "GET", "sets", "m", "mx k", "me", "ms", "mg", "incr", "touch k",
                    "cas k 0 0 1", "delete", "gat", "gat 10") + "\r\n");
        }

        byte[] retrieval() {
            int v = r.nextInt(4);
            StringBuilder sb = new StringBuilder(v == 0 ? "get" : v == 1 ? "gets" : v == 2 ? "gat " + exptime()
                    : "gats " + exptime());
            if (v < 2 && r.nextInt(4) == 0) {
                sb.setLength(0);
                sb.append(r.nextBoolean() ? "get" : "gets");
            }
            int p = r.nextInt(100);
            int n = p < 70 ? 1 : p < 95 ? 2 + r.nextInt(9) : p < 99 ? 11 + r.nextInt(90) : 100 + r.nextInt(1_900);
            for (int i = 0; i < n; i++) {
                sb.append(' ').append(key());
            }
            return ascii(sb.append("\r\n").toString());
        }

        byte[] storage() {
            int p = r.nextInt(100);
            String verb = p < 50 ? "set" : p < 60 ? "add" : p < 70 ? "replace" : p < 80 ? "append" : p < 90
                    ? "prepend" : "cas";
            int len = valueLength();
            String line = verb + " " + key() + " " + flags() + " " + exptime() + " " + len
                    + (verb.equals("cas") ? " " + casValue() : "") + (r.nextInt(5) == 0 ? " noreply" : "") + "\r\n";
            return concat(ascii(line), numericOr(len), CRLF);
        }

        byte[] delete() {
            return ascii("delete " + key() + pick("", "", "", " noreply", " 0", " 0 noreply") + "\r\n");
        }

        byte[] arithmetic() {
            return ascii((r.nextBoolean() ? "incr " : "decr ") + key() + " " + delta()
                    + (r.nextInt(5) == 0 ? " noreply" : "") + "\r\n");
        }

        byte[] touch() {
            return ascii("touch " + key() + " " + exptime() + (r.nextInt(5) == 0 ? " noreply" : "") + "\r\n");
        }

        byte[] metaGet() {
            boolean b64 = r.nextInt(8) == 0;
            StringBuilder sb = new StringBuilder("mg ").append(metaKey(b64));
            if (b64) {
                sb.append(" b");
            }
            String[] flags = {"c", "f", "h", "k", "l", "q", "s", "t", "v", "u", "O" + opaque(), "E" + casValue(),
                "N" + exptime(), "R" + r.nextInt(100), "T" + exptime()};
            appendFlags(sb, flags, 6);
            return ascii(sb.append("\r\n").toString());
        }

        byte[] metaSet() {
            boolean b64 = r.nextInt(8) == 0;
            int len = valueLength();
            StringBuilder sb = new StringBuilder("ms ").append(metaKey(b64)).append(' ').append(len);
            if (b64) {
                sb.append(" b");
            }
            String[] flags = {"c", "k", "q", "s", "I", "O" + opaque(), "C" + casValue(), "E" + casValue(),
                "F" + flags(), "T" + exptime(), "N" + exptime(), "M" + pick("E", "A", "P", "R", "S", "s", "a")};
            appendFlags(sb, flags, 5);
            return concat(ascii(sb.append("\r\n").toString()), numericOr(len), CRLF);
        }

        byte[] metaDelete() {
            boolean b64 = r.nextInt(8) == 0;
            StringBuilder sb = new StringBuilder("md ").append(metaKey(b64));
            if (b64) {
                sb.append(" b");
            }
            String[] flags = {"q", "k", "I", "x", "O" + opaque(), "C" + casValue(), "E" + casValue(), "T" + exptime()};
            appendFlags(sb, flags, 4);
            return ascii(sb.append("\r\n").toString());
        }

        byte[] metaArithmetic() {
            boolean b64 = r.nextInt(8) == 0;
            StringBuilder sb = new StringBuilder("ma ").append(metaKey(b64));
            if (b64) {
                sb.append(" b");
            }
            String[] flags = {"q", "k", "t", "c", "v", "O" + opaque(), "C" + casValue(), "E" + casValue(),
                "N" + exptime(), "J" + delta(), "D" + delta(), "T" + exptime(), "M" + pick("I", "+", "D", "-", "i", "d")};
            appendFlags(sb, flags, 5);
            return ascii(sb.append("\r\n").toString());
        }

        void appendFlags(StringBuilder sb, String[] flags, int most) {
            int n = r.nextInt(most + 1);
            for (int i = 0; i < n; i++) {
                sb.append(' ').append(flags[r.nextInt(flags.length)]);
            }
        }

        // ---- near-valid: 1-3 mutations of a valid command

        byte[] mutate(byte[] cmd) {
            // what changes the server's settings is sent only as it is: a mutated cache_memlimit could
            // lift the memory limit, a mutated verbosity fill memcached's log, a flush empty the cache
            while (startsWith(cmd, "cache_memlimit") || startsWith(cmd, "verbosity") || startsWith(cmd, "flush_all")
                    || startsWith(cmd, "lru_crawler metadump")) {
                cmd = valid();
            }
            int times = 1 + r.nextInt(3);
            for (int i = 0; i < times; i++) {
                cmd = mutateOnce(cmd);
            }
            return cmd;
        }

        byte[] mutateOnce(byte[] cmd) {
            // the first line without its line end, and everything after it (data, more commands)
            int eol = indexOf(cmd, (byte) '\n');
            int lineEnd = eol < 0 ? cmd.length : eol > 0 && cmd[eol - 1] == '\r' ? eol - 1 : eol;
            byte[] line = java.util.Arrays.copyOfRange(cmd, 0, lineEnd);
            byte[] rest = eol < 0 ? new byte[0] : java.util.Arrays.copyOfRange(cmd, eol + 1, cmd.length);
            String text = new String(line, StandardCharsets.ISO_8859_1);
            String[] tokens = text.split(" ", -1);
            switch (r.nextInt(14)) {
                case 0, 1 -> {
                    // a number swapped for an evil one (exptime, flags, length, cas, delta, flag values)
                    List<Integer> numeric = new ArrayList<>();
                    for (int i = 1; i < tokens.length; i++) {
                        if (tokens[i].matches("[A-Z]?-?[0-9]+")) {
                            numeric.add(i);
                        }
                    }
                    if (!numeric.isEmpty()) {
                        int i = numeric.get(r.nextInt(numeric.size()));
                        String prefix = Character.isLetter(tokens[i].charAt(0)) ? tokens[i].substring(0, 1) : "";
                        tokens[i] = prefix + EVIL_NUMBERS[r.nextInt(EVIL_NUMBERS.length)];
                    }
                    return concat(ascii(String.join(" ", tokens)), CRLF, rest);
                }
                case 2 -> {
                    // the declared length lies, or is huge; the data follows as it was
                    for (int i = tokens.length - 1; i >= 2; i--) {
                        if (tokens[i].matches("[0-9]{1,18}") && (tokens[0].equals("ms") ? i == 2 : i == 4)) {
                            long len = Long.parseLong(tokens[i]);
                            // mostly small lies; a huge length makes the server swallow the rest
                            int q = r.nextInt(20);
                            long lie = q < 8 ? len + 1 + r.nextInt(10)
                                    : q < 16 ? Math.max(0, len - 1 - r.nextInt(10))
                                    : q < 18 ? 1_048_576L + r.nextInt(4)
                                    : q < 19 ? 10L * 1024 * 1024 + r.nextInt(1_000_000)
                                    : (long) Integer.MAX_VALUE - r.nextInt(2);
                            tokens[i] = Long.toString(lie);
                            break;
                        }
                    }
                    return concat(ascii(String.join(" ", tokens)), CRLF, rest);
                }
                case 3 -> {
                    // the data block's terminator is wrong or missing
                    if (rest.length >= 2) {
                        byte[] data = java.util.Arrays.copyOf(rest, rest.length - 2);
                        return concat(line, CRLF, data, ascii(pick("", "\n", "\r", "xx", "\n\r", "\r\r\n")));
                    }
                    return concat(line, ascii("\n"), rest);
                }
                case 4 -> {
                    // the key: too long, empty, control characters, NUL, bytes above 127
                    if (tokens.length >= 2) {
                        int k = tokens[0].startsWith("ga") && tokens.length >= 3 ? 2 : 1;
                        tokens[k] = evilKey();
                    }
                    return concat(String.join(" ", tokens).getBytes(StandardCharsets.ISO_8859_1), CRLF, rest);
                }
                case 5 -> {
                    // a byte inserted: NUL, CR, LF, tab, high bytes
                    byte[] b = concat(line, new byte[1]);
                    int at = r.nextInt(b.length);
                    System.arraycopy(b, at, b, at + 1, b.length - at - 1);
                    b[at] = (byte) pickInt(0, '\r', '\n', '\t', 0x7f, 0x80, 0xff, 0x01, ' ', r.nextInt(256));
                    return concat(b, CRLF, rest);
                }
                case 6 -> {
                    // a byte flipped anywhere
                    byte[] b = cmd.clone();
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    return b;
                }
                case 7 -> {
                    // cut short: what follows is read as part of it
                    return java.util.Arrays.copyOf(cmd, cmd.length == 0 ? 0 : r.nextInt(cmd.length));
                }
                case 8 -> {
                    // a token repeated (too many tokens, noreply twice, many keys)
                    int i = r.nextInt(tokens.length);
                    int times = pickInt(2, 3, 24, 25, 30, 300);
                    StringBuilder sb = new StringBuilder();
                    for (int j = 0; j < tokens.length; j++) {
                        int reps = j == i ? times : 1;
                        for (int k = 0; k < reps; k++) {
                            sb.append(sb.length() == 0 ? "" : " ").append(tokens[j]);
                        }
                    }
                    if (r.nextBoolean()) {
                        sb.append(" noreply");
                    }
                    return concat(sb.toString().getBytes(StandardCharsets.ISO_8859_1), CRLF, rest);
                }
                case 9 -> {
                    // case and separators
                    String s = switch (r.nextInt(4)) {
                        case 0 -> text.toUpperCase();
                        case 1 -> text.replace(" ", "  ");
                        case 2 -> text.replace(" ", "\t");
                        default -> " ".repeat(1 + r.nextInt(r.nextBoolean() ? 5 : 150)) + text;
                    };
                    return concat(s.getBytes(StandardCharsets.ISO_8859_1), CRLF, rest);
                }
                case 10 -> {
                    // a long line: past memcached's 2048 bytes, or up to 70 kB
                    int extra = pickInt(2_000, 2_048, 2_049, 4_096, 8_192, 70_000) + r.nextInt(100);
                    byte[] pad = new byte[extra];
                    for (int i = 0; i < extra; i++) {
                        pad[i] = (byte) ALNUM[r.nextInt(ALNUM.length)];
                    }
                    pad[0] = ' ';
                    return concat(line, pad, CRLF, rest);
                }
                case 11 -> {
                    // line endings
                    return concat(line, ascii(pick("\n", "\r", "\n\r", "\r\r\n", "\r\n\r\n", "")), rest);
                }
                case 12 -> {
                    // meta flags: unknown, duplicated, oversized opaque, bad base64, too many
                    String junk = pick(" O" + "x".repeat(33 + r.nextInt(100)), " T-5", " Nabc", " Mz", " b", " b b",
                            " zzz", " !", " v v v v v v v v v v v v v v v v v v v v v v v", " E0", " C0", " q q",
                            " S100", " F-1", " J", " D", " M", " O", " " + "k".repeat(300));
                    return concat(line, ascii(junk), CRLF, rest);
                }
                default -> {
                    // the verb swapped for another one, arguments kept
                    tokens[0] = pick("get", "set", "ms", "mg", "md", "ma", "me", "mn", "incr", "cas", "touch", "gat",
                            "delete", "append", "stats", "verbosity", "lru_crawler", "flush_all", "add", "gats");
                    if (tokens[0].equals("verbosity") || tokens[0].equals("flush_all")) {
                        tokens[0] = "version";
                    }
                    return concat(String.join(" ", tokens).getBytes(StandardCharsets.ISO_8859_1), CRLF, rest);
                }
            }
        }

        // ---- garbage

        byte[] garbage() {
            int p = r.nextInt(10);
            if (p < 4) {
                byte[] b = new byte[1 + r.nextInt(r.nextBoolean() ? 64 : 4_096)];
                r.nextBytes(b);
                return concat(b, CRLF);
            }
            if (p < 6) {
                // a line with no newline that goes on and on: memcached closes the connection
                byte[] b = new byte[2_049 + r.nextInt(70_000)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) (r.nextInt(8) == 0 ? ' ' : ALNUM[r.nextInt(ALNUM.length)]);
                }
                return b;
            }
            if (p < 7) {
                // a binary-protocol header (magic 0x80) with random opcode and lengths
                byte[] b = new byte[24 + r.nextInt(64)];
                r.nextBytes(b);
                b[0] = (byte) 0x80;
                return b;
            }
            if (p < 8) {
                return concat(new byte[1 + r.nextInt(100)], CRLF); // NULs
            }
            StringBuilder sb = new StringBuilder();
            int words = 1 + r.nextInt(8);
            for (int i = 0; i < words; i++) {
                sb.append(i == 0 ? "" : " ").append(randomWord(1 + r.nextInt(12)));
            }
            return ascii(sb.append(pick("\r\n", "\n")).toString());
        }

        /** What a half-open connection leaves behind: a command with its end missing. */
        byte[] partial() {
            switch (r.nextInt(4)) {
                case 0 -> {
                    byte[] b = new byte[1 + r.nextInt(2_047)];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) ALNUM[r.nextInt(ALNUM.length)];
                    }
                    b[0] = 'g';
                    return b;
                }
                case 1 -> {
                    int len = 1_000 + r.nextInt(1_040_000);
                    byte[] head = ascii("set half" + r.nextInt(1_000) + " 0 0 " + len + "\r\n");
                    return concat(head, value(r.nextInt(len)));
                }
                case 2 -> {
                    StringBuilder sb = new StringBuilder("get");
                    int n = 1_000 + r.nextInt(20_000);
                    for (int i = 0; i < n; i++) {
                        sb.append(' ').append("k").append(r.nextInt(keySpace));
                    }
                    return ascii(sb.toString());
                }
                default -> {
                    int len = 1_000 + r.nextInt(1_040_000);
                    byte[] head = ascii("ms half" + r.nextInt(1_000) + " " + len + " T0\r\n");
                    return concat(head, value(r.nextInt(len)));
                }
            }
        }

        // ---- pieces

        String key() {
            int p = r.nextInt(100);
            if (p < 75) {
                return "k" + r.nextInt(keySpace);
            }
            if (p < 85) {
                return "ns" + r.nextInt(16) + ".k" + r.nextInt(keySpace);
            }
            if (p < 95) {
                // random printable: some of these start with a namespace (letters or digits, then a dot)
                int len = 1 + r.nextInt(r.nextInt(10) == 0 ? 250 : 40);
                char[] c = new char[len];
                for (int i = 0; i < len; i++) {
                    c[i] = KEY_CHARS[r.nextInt(KEY_CHARS.length)];
                }
                return new String(c);
            }
            // always a namespace of its own: up to 64 letters or digits, a dot, the rest
            return randomWord(1 + r.nextInt(64)) + "." + randomWord(1 + r.nextInt(20));
        }

        String metaKey(boolean base64) {
            String k = key();
            return base64 ? Base64.getEncoder().encodeToString(k.getBytes(StandardCharsets.ISO_8859_1)) : k;
        }

        String evilKey() {
            return switch (r.nextInt(9)) {
                case 0 -> "k".repeat(250);
                case 1 -> "k".repeat(251);
                case 2 -> "k".repeat(1_000 + r.nextInt(3_000));
                case 3 -> "";
                case 4 -> "k\u0001" + r.nextInt(100);
                case 5 -> "k\u0000" + r.nextInt(100);
                case 6 -> "k\u00ff\u0080" + r.nextInt(100);
                case 7 -> "k\u007f";
                default -> "a".repeat(64) + "." + r.nextInt(1_000);
            };
        }

        String randomWord(int len) {
            char[] c = new char[len];
            for (int i = 0; i < len; i++) {
                c[i] = ALNUM[r.nextInt(ALNUM.length)];
            }
            return new String(c);
        }

        String opaque() {
            return randomWord(1 + r.nextInt(32));
        }

        long flags() {
            int p = r.nextInt(10);
            return p < 5 ? 0 : p < 9 ? (r.nextLong() & 0xFFFF_FFFFL) : 0xFFFF_FFFFL;
        }

        long exptime() {
            int p = r.nextInt(100);
            long now = System.currentTimeMillis() / 1000;
            if (p < 50) return 0;
            if (p < 70) return 1 + r.nextInt(10);
            if (p < 75) return -1 - r.nextInt(1_000);
            if (p < 80) return 2_592_000 + r.nextInt(3) - 1;
            if (p < 85) return now - 1 - r.nextInt(100_000);
            if (p < 90) return now + 1 + r.nextInt(100_000);
            if (p < 95) return Integer.MAX_VALUE;
            return 100 + r.nextInt(10_000);
        }

        long casValue() {
            int p = r.nextInt(4);
            return p == 0 ? 0 : p == 1 ? 1 + r.nextInt(1_000) : p == 2 ? r.nextLong() & Long.MAX_VALUE : 1 + r.nextInt(1 << 20);
        }

        String delta() {
            int p = r.nextInt(10);
            return p < 6 ? Integer.toString(r.nextInt(100)) : p < 9 ? Long.toUnsignedString(r.nextLong())
                    : "18446744073709551615";
        }

        int valueLength() {
            int p = r.nextInt(1_000);
            if (p < 700) return r.nextInt(101);
            if (p < 900) return 100 + r.nextInt(4_000);
            if (p < 985) return 4_096 + r.nextInt(60_000);
            if (p < 995) return 65_536 + r.nextInt(983_040);
            return 1_048_576 - 300 + r.nextInt(600); // around the 1 MiB item limit
        }

        /** A value of len bytes: decimal digits now and then (for incr), else random bytes. */
        byte[] numericOr(int len) {
            if (len > 0 && len <= 20 && r.nextInt(3) == 0) {
                byte[] b = new byte[len];
                for (int i = 0; i < len; i++) {
                    b[i] = (byte) ('0' + r.nextInt(10));
                }
                return b;
            }
            return value(len);
        }

        byte[] value(int len) {
            int from = r.nextInt(VALUE_POOL - len);
            return java.util.Arrays.copyOfRange(pool, from, from + len);
        }

        @SafeVarargs
        final <T> T pick(T... options) {
            return options[r.nextInt(options.length)];
        }

        int pickInt(int... options) {
            return options[r.nextInt(options.length)];
        }
    }

    // ------------------------------------------------------------------ small things

    static final byte[] CRLF = ascii("\r\n");

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static boolean startsWith(byte[] b, String prefix) {
        return regionMatches(b, 0, ascii(prefix));
    }

    static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    static boolean regionMatches(byte[] b, int at, byte[] word) {
        if (at + word.length > b.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[at + i] != word[i]) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
            if (sb.length() > 200) {
                sb.append("...");
                break;
            }
        }
        return sb.toString();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long number(String s, String what, long min, long max) {
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                fail(what + " must be between " + min + " and " + max + ", got " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            fail(what + " must be a number, got '" + s + "'");
            return 0;
        }
    }

    static void usage(String problem) {
        System.err.println("Fuzz: " + problem);
        System.err.println("usage: java bench/Fuzz.java HOST PORT [--seconds N] [--max-commands N] [--connections N]"
                + " [--seed N] [--keys N] [--parked N] [--memory-mb N] [--pid PID]... [--report FILE] [--kinds LIST]");
        System.exit(2);
    }

    static void fail(String message) {
        System.err.println("Fuzz: " + message);
        System.exit(1);
    }

}
