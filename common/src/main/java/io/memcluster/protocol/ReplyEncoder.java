package io.memcluster.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The server side of the text protocol: memcached's reply lines written straight into a buffer,
 * the inverse of {@link ReplyDecoder}. Every server (the node answering from its store, the
 * coordinator answering from its nodes' replies) writes its replies through this class, so a
 * reply string exists in one place.
 *
 * <p>The fixed lines are encoded once; the rest is written byte by byte, without Strings, on the
 * paths every request takes (a value, a meta code with its flags, a number).
 */
public final class ReplyEncoder {

    /** {@code \r\n} as one {@link ByteBuf#writeShort}. */
    public static final int CRLF = ('\r' << 8) | '\n';

    public static final byte[] END = ascii("END\r\n");
    public static final byte[] STORED = ascii("STORED\r\n");
    public static final byte[] NOT_STORED = ascii("NOT_STORED\r\n");
    public static final byte[] EXISTS = ascii("EXISTS\r\n");
    public static final byte[] NOT_FOUND = ascii("NOT_FOUND\r\n");
    public static final byte[] DELETED = ascii("DELETED\r\n");
    public static final byte[] TOUCHED = ascii("TOUCHED\r\n");
    public static final byte[] OK = ascii("OK\r\n");
    public static final byte[] RESET = ascii("RESET\r\n");
    public static final byte[] ERROR = ascii("ERROR\r\n");
    public static final byte[] OUT_OF_MEMORY = ascii("SERVER_ERROR out of memory storing object\r\n");
    public static final byte[] PERMISSION_DENIED = ascii("CLIENT_ERROR permission denied\r\n");
    public static final String NON_NUMERIC = "CLIENT_ERROR cannot increment or decrement non-numeric value";
    /** memcached 1.6.18's answer to a metadump or crawl while a metadump runs (proto_text.c). */
    public static final String CRAWLER_BUSY = "BUSY currently processing crawler request";
    /** ... to a metadump of a slab class id that is not 1-63. */
    public static final String CRAWLER_BAD_CLASS = "BADCLASS invalid class id";
    /** ... to a metadump naming no class at all ({@code lru_crawler metadump ,}). */
    public static final String CRAWLER_NOT_STARTED = "NOTSTARTED no items to crawl";

    private static final byte[] VALUE = ascii("VALUE ");
    private static final byte[] STAT = ascii("STAT ");
    private static final byte[] VERSION = ascii("VERSION ");
    private static final byte[][] META_CODES = metaCodes();
    private static final byte[] HEX = ascii("0123456789ABCDEF");

    private ReplyEncoder() {
    }

    /** A reply line that is not one of the constants above, with its CRLF. */
    public static void line(ByteBuf out, String line) {
        out.writeCharSequence(line, StandardCharsets.US_ASCII);
        out.writeShort(CRLF);
    }

    /** The line of a classic command's one-word reply. */
    public static byte[] status(ReplyStatus status) {
        return switch (status) {
            case STORED -> STORED;
            case NOT_STORED -> NOT_STORED;
            case EXISTS -> EXISTS;
            case NOT_FOUND -> NOT_FOUND;
            case DELETED -> DELETED;
            case TOUCHED -> TOUCHED;
            case OK -> OK;
            case RESET -> RESET;
        };
    }

    /**
     * {@code VALUE <key> <flags> <bytes> [<cas>]}, the data block and its CRLF: one hit of a
     * classic retrieval. Key and value are slices, so an item's single array serves both.
     */
    public static void value(ByteBuf out, byte[] key, int keyOffset, int keyLength, int flags, byte[] data,
            int dataOffset, int dataLength, boolean withCas, long cas) {
        valueHeader(out, key, keyOffset, keyLength, flags, dataLength, withCas, cas);
        out.writeBytes(data, dataOffset, dataLength);
        out.writeShort(CRLF);
    }

    /**
     * The {@code VALUE} line alone, for a value that follows without being copied here; its data
     * block must then end with {@link #CRLF}.
     */
    public static void valueHeader(ByteBuf out, byte[] key, int keyOffset, int keyLength, int flags, int dataLength,
            boolean withCas, long cas) {
        out.writeBytes(VALUE);
        out.writeBytes(key, keyOffset, keyLength);
        out.writeByte(' ');
        Ascii.writeUnsigned32(out, flags);
        out.writeByte(' ');
        Ascii.writeUnsigned(out, dataLength);
        if (withCas) {
            out.writeByte(' ');
            Ascii.writeUnsigned(out, cas);
        }
        out.writeShort(CRLF);
    }

    /** A value this large goes into a streamed reply from its own array instead of being copied. */
    public static final int SHARE_VALUES_FROM = 16 * 1024;
    private static final byte[] CRLF_BYTES = {'\r', '\n'};

    /**
     * {@code headed} (ending with a {@link #valueHeader}), then the value's bytes from
     * {@code data} itself, then the data block's CRLF: one buffer that copies no value byte.
     * {@code data} must not change while the buffer lives.
     */
    public static ByteBuf withSharedValue(ByteBuf headed, byte[] data, int offset, int length) {
        return Unpooled.wrappedBuffer(headed, Unpooled.wrappedBuffer(data, offset, length),
                Unpooled.wrappedBuffer(CRLF_BYTES));
    }

    /** {@code reply} with {@code END} after it, for the last part of a streamed listing. */
    public static ByteBuf withEnd(ByteBuf reply) {
        return Unpooled.wrappedBuffer(reply, Unpooled.wrappedBuffer(END));
    }

    /** The new number of incr/decr, unsigned, with its CRLF. */
    public static void number(ByteBuf out, long value) {
        Ascii.writeUnsigned(out, value);
        out.writeShort(CRLF);
    }

    /** A meta command's two-letter code, without what follows it. */
    public static void metaCode(ByteBuf out, MetaStatus status) {
        out.writeBytes(META_CODES[status.ordinal()]);
    }

    /** {@code " <letter><signed number>"}: a returned meta flag such as {@code t-1} or {@code s5}. */
    public static void metaFlag(ByteBuf out, char letter, long value) {
        out.writeByte(' ').writeByte(letter);
        Ascii.writeLong(out, value);
    }

    /** {@code " <letter><unsigned number>"}: a returned meta flag such as {@code c123}. */
    public static void metaFlagUnsigned(ByteBuf out, char letter, long value) {
        out.writeByte(' ').writeByte(letter);
        Ascii.writeUnsigned(out, value);
    }

    /** The {@code k} return flag: the key as sent, or base64 with the {@code b} flag after it. */
    public static void metaKey(ByteBuf out, byte[] key, boolean base64) {
        out.writeByte(' ').writeByte('k');
        if (base64) {
            out.writeBytes(Base64.getEncoder().encode(key));
            out.writeByte(' ').writeByte('b');
        } else {
            out.writeBytes(key);
        }
    }

    public static void stat(ByteBuf out, String name, long value) {
        out.writeBytes(STAT);
        out.writeCharSequence(name, StandardCharsets.US_ASCII);
        out.writeByte(' ');
        Ascii.writeLong(out, value);
        out.writeShort(CRLF);
    }

    public static void stat(ByteBuf out, String name, String value) {
        out.writeBytes(STAT);
        out.writeCharSequence(name, StandardCharsets.UTF_8);
        out.writeByte(' ');
        out.writeCharSequence(value, StandardCharsets.UTF_8);
        out.writeShort(CRLF);
    }

    public static void end(ByteBuf out) {
        out.writeBytes(END);
    }

    /**
     * One line of {@code lru_crawler metadump}, as memcached writes it: the key percent-encoded,
     * then its metadata, ended by a bare {@code \n}.
     *
     * @param expires unix time of expiry, -1 for never
     */
    public static void keyMetadata(ByteBuf out, byte[] key, int keyLength, long expires, long lastAccess, long cas,
            boolean fetched, long size, int flags) {
        out.writeCharSequence("key=", StandardCharsets.US_ASCII);
        urlEncode(out, key, keyLength);
        out.writeCharSequence(" exp=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, expires);
        out.writeCharSequence(" la=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, lastAccess);
        out.writeCharSequence(" cas=", StandardCharsets.US_ASCII);
        Ascii.writeUnsigned(out, cas);
        out.writeCharSequence(fetched ? " fetch=yes" : " fetch=no", StandardCharsets.US_ASCII);
        out.writeCharSequence(" cls=1 size=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, size);
        out.writeCharSequence(" flags=", StandardCharsets.US_ASCII);
        Ascii.writeUnsigned32(out, flags);
        out.writeByte('\n');
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters, as memcached's metadump. */
    static void urlEncode(ByteBuf out, byte[] key, int length) {
        for (int i = 0; i < length; i++) {
            int b = key[i] & 0xff;
            boolean unreserved = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '.' || b == '_' || b == '~';
            if (unreserved) {
                out.writeByte(b);
            } else {
                out.writeByte('%');
                out.writeByte(HEX[b >>> 4]);
                out.writeByte(HEX[b & 0xf]);
            }
        }
    }

    /**
     * Any decoded reply element back to its bytes: what a server that relays another server's
     * replies (the coordinator) sends on. {@code write(decode(bytes))} gives the bytes back.
     */
    public static void write(Reply reply, ByteBuf out) {
        if (reply instanceof Reply.Meta meta) {
            metaCode(out, meta.status());
            if (meta.status() == MetaStatus.VA) {
                out.writeByte(' ');
                Ascii.writeLong(out, meta.data().length);
            }
            words(out, meta.flags());
            out.writeShort(CRLF);
            if (meta.data() != null) {
                out.writeBytes(meta.data());
                out.writeShort(CRLF);
            }
        } else if (reply instanceof Reply.Value v) {
            value(out, v.key(), 0, v.key().length, v.flags(), v.data(), 0, v.data().length, v.withCas(), v.cas());
        } else if (reply instanceof Reply.Status s) {
            out.writeBytes(status(s.status()));
        } else if (reply instanceof Reply.End) {
            end(out);
        } else if (reply instanceof Reply.Number n) {
            number(out, n.value());
        } else if (reply instanceof Reply.Stat s) {
            stat(out, s.name(), s.value());
        } else if (reply instanceof Reply.Error e) {
            line(out, e.line());
        } else if (reply instanceof Reply.Version v) {
            out.writeBytes(VERSION);
            out.writeCharSequence(v.version(), StandardCharsets.UTF_8);
            out.writeShort(CRLF);
        } else if (reply instanceof Reply.KeyMetadata m) {
            keyMetadata(out, m.key(), m.key().length, m.expires(), m.lastAccess(), m.cas(), m.fetched(), m.size(),
                    m.flags());
        } else if (reply instanceof Reply.MetaDebug d) {
            out.writeCharSequence("ME " + d.key(), StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> field : d.fields().entrySet()) {
                out.writeCharSequence(" " + field.getKey() + "=" + field.getValue(), StandardCharsets.ISO_8859_1);
            }
            out.writeShort(CRLF);
        } else if (reply instanceof Reply.UserEntry u) {
            out.writeCharSequence("USER ", StandardCharsets.US_ASCII);
            out.writeCharSequence(u.username(), StandardCharsets.UTF_8);
            out.writeByte(' ');
            out.writeCharSequence(u.permissions().isEmpty() ? "-" : String.join(",", u.permissions()),
                    StandardCharsets.UTF_8);
            out.writeShort(CRLF);
        } else if (reply instanceof Reply.Other o) {
            out.writeCharSequence(o.line(), StandardCharsets.UTF_8);
            out.writeShort(CRLF);
        } else {
            throw new IllegalArgumentException("no encoding for " + reply.getClass().getSimpleName());
        }
    }

    /** Meta return flags as the decoder kept them: the words split as ISO-8859-1, one char a byte. */
    private static void words(ByteBuf out, List<String> words) {
        for (String word : words) {
            out.writeByte(' ');
            out.writeCharSequence(word, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[][] metaCodes() {
        MetaStatus[] all = MetaStatus.values();
        byte[][] codes = new byte[all.length][];
        for (MetaStatus status : all) {
            codes[status.ordinal()] = ascii(status.name());
        }
        return codes;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
