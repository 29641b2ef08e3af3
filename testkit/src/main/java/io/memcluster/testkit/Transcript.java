package io.memcluster.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A protocol transcript file: cases headed {@code === title}, lines {@code > sent},
 * {@code < expected}, {@code <~ regex} and {@code <closed>}. Every line is terminated by CRLF on
 * the wire. In a sent line {@code \xHH} stands for the byte HH and {@code \\} for a backslash,
 * so that a NUL byte can be sent without making the file binary.
 */
public record Transcript(String title, List<String> sent, List<String> expected) {

    static final String CLOSED = "<closed>";

    /**
     * The cases of a transcript file on the class path, under {@code transcripts/}:
     * {@code memcached-reference.txt} (recorded from memcached 1.6.18), {@code memcluster-extensions.txt}
     * (what memcluster adds or does differently on purpose), {@code memcluster-users.txt}.
     */
    public static List<Transcript> load(String name) {
        String resource = "/transcripts/" + name;
        List<String> lines;
        try (var in = Transcript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no transcript " + resource + " on the class path");
            }
            lines = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Transcript> cases = new ArrayList<>();
        String title = null;
        List<String> sent = null;
        List<String> expected = null;
        for (String line : lines) {
            if (line.startsWith("=== ")) {
                if (title != null) {
                    cases.add(new Transcript(title, sent, expected));
                }
                title = line.substring(4);
                sent = new ArrayList<>();
                expected = new ArrayList<>();
            } else if (line.startsWith("> ")) {
                sent.add(unescape(line.substring(2)));
            } else if (line.equals(">")) {
                sent.add("");
            } else if (line.startsWith("<")) {
                expected.add(line);
            }
        }
        if (title != null) {
            cases.add(new Transcript(title, sent, expected));
        }
        return cases;
    }

    private static String unescape(String line) {
        if (line.indexOf('\\') < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\') {
                sb.append(c);
            } else if (line.startsWith("\\", i + 1)) {
                sb.append('\\');
                i++;
            } else if (line.startsWith("x", i + 1) && i + 4 <= line.length()) {
                sb.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                throw new IllegalArgumentException("a backslash in a sent line starts \\xHH or \\\\: " + line);
            }
        }
        return sb.toString();
    }

    public byte[] request() {
        StringBuilder sb = new StringBuilder();
        for (String line : sent) {
            sb.append(line).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    public boolean expectsClose() {
        return !expected.isEmpty() && expected.get(expected.size() - 1).equals(CLOSED);
    }

    /** Checks one received line (without CRLF) against expectation {@code index}. */
    public boolean matches(int index, String received) {
        String want = expected.get(index);
        if (want.startsWith("<~")) {
            return Pattern.matches(want.substring(2), received);
        }
        return (want.length() <= 2 ? "" : want.substring(2)).equals(received);
    }

    /**
     * Sends the request on {@code client} and checks every reply line, then that the server
     * closed the connection if expected, else that nothing follows (the next reply is the noop's).
     */
    public void replayOn(RawClient client) throws IOException {
        client.send(request());
        List<String> received = new ArrayList<>();
        for (int i = 0; i < expectedLineCount(); i++) {
            String line = client.readLine();
            assertThat(line).as("line %d of %s, after %s", i + 1, title, received).endsWith("\r\n");
            String text = line.substring(0, line.length() - 2);
            assertThat(matches(i, text))
                    .as("line %d of '%s': got '%s', expected '%s' (before it: %s)", i + 1, title, text,
                            expected.get(i), received)
                    .isTrue();
            received.add(text);
        }
        if (expectsClose()) {
            assertThat(client.closedByServer()).as("connection closed by the server").isTrue();
        } else {
            assertThat(client.call("mn\r\n", "MN")).as("%s: nothing more after %s", title, received).isEqualTo("MN\r\n");
        }
    }

    public int expectedLineCount() {
        return expectsClose() ? expected.size() - 1 : expected.size();
    }

    @Override
    public String toString() {
        return title;
    }
}
