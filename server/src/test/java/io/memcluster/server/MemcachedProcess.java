package io.memcluster.server;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's memcached, started on a free loopback port for a test and stopped after it: the
 * reference that bench and the recorded transcripts are checked against.
 */
public final class MemcachedProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private MemcachedProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Whether a memcached binary is on the PATH (the tests that need one are skipped otherwise). */
    public static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "memcached"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts memcached with 64 MB and the given extra options; returns once it accepts connections. */
    public static MemcachedProcess start(Path logDir, String... options) throws IOException {
        int port = RunningNode.freePort();
        List<String> command = new ArrayList<>(List.of("memcached", "-l", "127.0.0.1", "-p", String.valueOf(port),
                "-m", "64", "-t", "2", "-U", "0"));
        if ("root".equals(System.getProperty("user.name"))) {
            // memcached refuses to run as root unless told which user to be
            command.addAll(List.of("-u", "root"));
        }
        command.addAll(List.of(options));
        Path log = logDir.resolve("memcached-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MemcachedProcess memcached = new MemcachedProcess(process, port, log);
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || accepts(port));
        } catch (RuntimeException e) {
            memcached.close();
            throw e;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("memcached exited: " + Files.readString(log));
        }
        return memcached;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
