package io.memcluster.client.statement;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One word of a command line as bytes: typed text in UTF-8, with {@code \xHH} escapes giving
 * any byte, so that binary keys and values can be typed as they are shown.
 */
public record Word(byte[] bytes) {

    public static Word of(String text) {
        return new Word(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The word as text (invalid UTF-8 from escapes shows as U+FFFD). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Whether this is the keyword {@code keyword}, in any case. */
    public boolean is(String keyword) {
        return text().toUpperCase(Locale.ROOT).equals(keyword);
    }

    @Override
    public String toString() {
        return text();
    }
}
