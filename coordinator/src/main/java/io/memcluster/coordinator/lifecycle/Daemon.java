package io.memcluster.coordinator.lifecycle;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A process started through the launcher as a detached daemon: {@code setsid} gives it a session
 * of its own, so Ctrl-C or a closed terminal where it was started never reaches it and it outlives
 * its starter; standard input is {@code /dev/null}; standard output and error are appended to its
 * log. {@code setsid} forks only when its caller leads a process group, which a freshly spawned
 * child never does, and the launcher {@code exec}s java: the pid of the started process is the
 * JVM's, which is what goes into the pid file.
 *
 * @param process   the daemon, a child of this process until this process exits
 * @param log       its log
 * @param logOffset where this start's output begins in the log
 */
record Daemon(Process process, Path log, long logOffset) {

    static final String SETSID = "setsid";

    /**
     * @param what      what is started, for the line written to the log before it
     * @param arguments for the launcher, e.g. {@code node --config FILE}
     * @throws LifecycleException when it cannot be started, or its pid file cannot be written
     */
    static Daemon start(String what, Launcher launcher, List<String> arguments, Path log, PidFile pidFile)
            throws LifecycleException {
        List<String> command = new ArrayList<>();
        command.add(SETSID);
        command.add(launcher.script().toString());
        command.addAll(arguments);
        long offset;
        Process process;
        try {
            Files.createDirectories(log.getParent());
            offset = LogTail.size(log);
            Files.writeString(log, Instant.now().truncatedTo(ChronoUnit.MILLIS) + " memcluster: starting " + what
                    + ": " + String.join(" ", command.subList(1, command.size())) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new LifecycleException("cannot start " + what + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains(SETSID)
                            ? " (setsid, from util-linux, starts daemons in a session of their own)" : ""), e);
        }
        try {
            pidFile.write(process.pid());
        } catch (IOException e) {
            // Left running, as every node is: the next look finds it by the pid its port reports.
            throw new LifecycleException("started " + what + " (pid " + process.pid() + ") but cannot write " + pidFile
                    + ": " + e.getMessage() + "; it is left running", e);
        }
        return new Daemon(process, log, offset);
    }

    long pid() {
        return process.pid();
    }

    /** How it ended, for a message: {@code exited with status 1}, or still running. */
    String exit() {
        return process.isAlive() ? "is still running" : "exited with status " + process.exitValue();
    }

    /** The end of the log since this start. */
    String logTail() {
        return LogTail.since(log, logOffset);
    }
}
