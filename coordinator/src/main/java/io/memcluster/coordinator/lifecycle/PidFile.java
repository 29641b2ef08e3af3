package io.memcluster.coordinator.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A daemon's pid file: one decimal pid and a newline. Written by whoever starts the daemon, after
 * the start, through a temporary file and a rename, so a reader sees the old pid or the new one,
 * never half a number. A pid file proves nothing alone: the pid may have been reused since, which
 * {@link ProcessIdentity} rules out before a process is taken for ours.
 */
public final class PidFile {

    private final Path path;

    public PidFile(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * The pid in the file; empty when there is no file, or when it holds no pid (a file torn by a
     * crash of an older writer, or written by hand, says nothing about any process).
     */
    public OptionalLong read() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long pid = Long.parseLong(text);
        return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /** The live process the file names, whoever it is; empty when none or when it has exited. */
    public Optional<ProcessHandle> liveProcess() throws IOException {
        OptionalLong pid = read();
        return pid.isEmpty() ? Optional.empty() : ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
    }

    public void write(long pid) throws IOException {
        AtomicFile.replace(path, (pid + "\n").getBytes(StandardCharsets.US_ASCII), false);
    }

    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
