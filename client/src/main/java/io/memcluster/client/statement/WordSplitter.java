package io.memcluster.client.statement;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a shell user expects: whitespace separates; {@code '...'}
 * keeps everything literally; {@code "..."} keeps spaces and understands {@code \n \r \t \0 \\ \"}
 * and {@code \xHH} (any byte); outside quotes a backslash takes the next character as it is.
 * The same escapes are what {@link io.memcluster.client.session.ValueText} prints, so a value
 * shown can be typed back.
 */
public final class WordSplitter {

    private WordSplitter() {
    }

    /** @throws UsageException for an unclosed quote or a bad escape */
    public static List<Word> split(String line) {
        List<Word> words = new ArrayList<>();
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(new Word(word.toByteArray()));
                    word.reset();
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new UsageException("unclosed ' quote");
                }
                write(word, line.substring(i + 1, close));
                inWord = true;
                i = close + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new UsageException("a line cannot end with \\");
                }
                int cp = line.codePointAt(i + 1);
                write(word, new String(Character.toChars(cp)));
                inWord = true;
                i += 1 + Character.charCount(cp);
            } else {
                int cp = line.codePointAt(i);
                write(word, new String(Character.toChars(cp)));
                inWord = true;
                i += Character.charCount(cp);
            }
        }
        if (inWord) {
            words.add(new Word(word.toByteArray()));
        }
        return words;
    }

    /** @return the index after the closing quote */
    private static int doubleQuoted(String line, int from, ByteArrayOutputStream word) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c != '\\') {
                int cp = line.codePointAt(i);
                write(word, new String(Character.toChars(cp)));
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= line.length()) {
                break;
            }
            char e = line.charAt(i + 1);
            switch (e) {
                case 'n' -> word.write('\n');
                case 'r' -> word.write('\r');
                case 't' -> word.write('\t');
                case '0' -> word.write(0);
                case '\\' -> word.write('\\');
                case '"' -> word.write('"');
                case 'x' -> {
                    if (i + 3 >= line.length()) {
                        throw new UsageException("\\x needs two hex digits, as in \\x00");
                    }
                    int hi = Character.digit(line.charAt(i + 2), 16);
                    int lo = Character.digit(line.charAt(i + 3), 16);
                    if (hi < 0 || lo < 0) {
                        throw new UsageException("\\x needs two hex digits, as in \\x00");
                    }
                    word.write(hi << 4 | lo);
                    i += 2;
                }
                default -> throw new UsageException("unknown escape \\" + e
                        + " in double quotes (known: \\n \\r \\t \\0 \\\\ \\\" \\xHH)");
            }
            i += 2;
        }
        throw new UsageException("unclosed \" quote");
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
