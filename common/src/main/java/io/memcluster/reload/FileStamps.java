package io.memcluster.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Remembers what a few files looked like and says when any of them changed. A file replaced
 * by a rename (as editors, {@code certs} and {@code users} do) gets a new identity even when
 * its time and size happen to match, so that counts as a change too.
 *
 * <p>A change is reported once: if reloading it fails, the same broken file is not retried at
 * every poll, only when it changes again.
 */
public final class FileStamps {

    private record Stamp(Path file, boolean exists, Object identity, FileTime modified, long size) {
    }

    private final List<Path> files;
    private List<Stamp> last;

    public FileStamps(List<Path> files) {
        this.files = List.copyOf(files);
        this.last = read();
    }

    public List<Path> files() {
        return files;
    }

    /** Whether any file differs from the last call (or from construction); remembers the new state. */
    public synchronized boolean changed() {
        List<Stamp> now = read();
        boolean changed = !now.equals(last);
        last = now;
        return changed;
    }

    private List<Stamp> read() {
        List<Stamp> stamps = new ArrayList<>(files.size());
        for (Path file : files) {
            stamps.add(stamp(file));
        }
        return stamps;
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(file, true, Objects.requireNonNullElse(attributes.fileKey(), ""),
                    attributes.lastModifiedTime(), attributes.size());
        } catch (IOException missingOrUnreadable) {
            return new Stamp(file, false, "", FileTime.fromMillis(0), -1);
        }
    }
}
