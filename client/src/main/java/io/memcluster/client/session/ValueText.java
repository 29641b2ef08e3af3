package io.memcluster.client.session;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Values and keys shown safely on a terminal. Printable UTF-8 text is shown as it is; anything
 * else (control characters, which could move the cursor or clear the screen, or bytes that are
 * not UTF-8) is shown in double quotes with escapes and its size, in the form the shell reads
 * back ({@code "\x00\xff" (2 bytes)}).
 */
public final class ValueText {

    private ValueText() {
    }

    /** A value for a person to read. */
    public static String render(byte[] value) {
        String text = printableText(value);
        if (text != null && !text.isEmpty()) {
            return text;
        }
        return quoted(value) + " (" + value.length + (value.length == 1 ? " byte)" : " bytes)");
    }

    /** A key for a person to read: keys have no spaces or controls, but may not be UTF-8. */
    public static String key(byte[] key) {
        String text = printableText(key);
        return text != null ? text : quoted(key);
    }

    /** The value as text when it is valid UTF-8 (controls allowed: JSON escapes them), else null. */
    public static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The bytes as text if they are UTF-8 without control characters, else null. */
    static String printableText(byte[] bytes) {
        String text = utf8(bytes);
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return null;
            }
        }
        return text;
    }

    /** Double-quoted with the escapes {@link io.memcluster.client.statement.WordSplitter} reads. */
    static String quoted(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8).append('"');
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                escapeAscii(out, b);
                i++;
                continue;
            }
            int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            String decoded = null;
            if (length > 1 && i + length <= bytes.length) {
                try {
                    CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, i, length));
                    decoded = chars.toString();
                } catch (CharacterCodingException e) {
                    decoded = null;
                }
            }
            if (decoded != null && decoded.codePoints().noneMatch(Character::isISOControl)) {
                out.append(decoded);
                i += length;
            } else {
                hex(out, b);
                i++;
            }
        }
        return out.append('"').toString();
    }

    private static void escapeAscii(StringBuilder out, int b) {
        switch (b) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 0 -> out.append("\\0");
            case '\\' -> out.append("\\\\");
            case '"' -> out.append("\\\"");
            default -> {
                if (b < 0x20 || b == 0x7f) {
                    hex(out, b);
                } else {
                    out.append((char) b);
                }
            }
        }
    }

    private static void hex(StringBuilder out, int b) {
        out.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }
}
