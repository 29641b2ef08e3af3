package io.memcluster.client.shell;

import java.time.Instant;
import java.util.Locale;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The shell's history, minus lines that may carry a password: user administration
 * ({@code USER ...}). Passwords given at the masked prompt never reach the history at all
 * (that prompt has no history); the login itself is not a typed line.
 */
final class HistoryWithoutSecrets extends DefaultHistory {

    @Override
    public void add(Instant time, String line) {
        if (!mayHoldSecret(line)) {
            super.add(time, line);
        }
    }

    static boolean mayHoldSecret(String line) {
        String upper = line.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("USER ") || upper.equals("USER") || upper.contains("PASSWORD");
    }
}
