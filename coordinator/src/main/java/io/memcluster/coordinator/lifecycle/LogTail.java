package io.memcluster.coordinator.lifecycle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The end of a daemon's log since it was started, for a message saying why it did not come up: the
 * reason is nearly always in its last lines ("cannot listen on ...", a broken certificate).
 */
final class LogTail {

    static final int LINES = 20;
    // Enough for LINES long lines; a log that grew megabytes at start is not read whole.
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Bytes in the log now: where the next start's output begins. */
    static long size(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Up to {@link #LINES} last lines written after {@code offset}, framed with the log's name. */
    static String since(Path log, long offset) {
        String text;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(offset, file.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
        List<String> lines = Arrays.asList(text.split("\\R"));
        if (text.isBlank()) {
            return "(" + log + " has nothing from this start)";
        }
        List<String> last = lines.subList(Math.max(0, lines.size() - LINES), lines.size());
        return "--- last lines of " + log + " ---\n" + String.join("\n", last) + "\n--- end of " + log + " ---";
    }
}
