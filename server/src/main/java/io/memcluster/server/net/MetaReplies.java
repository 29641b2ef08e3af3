package io.memcluster.server.net;

import io.memcluster.protocol.Ascii;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.server.stats.ServerStats;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Outcome;
import io.memcluster.server.store.Result;
import io.memcluster.server.store.StorageMode;
import io.memcluster.server.store.Store;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Executes mg, ms, md, ma and me and writes their replies: a two-letter code, then the requested
 * return flags in the order the client sent them, as memcached 1.6 does. {@code q} hides only
 * the nominal reply of each command (EN for mg, HD for the others).
 */
final class MetaReplies {

    private static final byte[] VA = ascii("VA ");
    private static final byte[] HD = ascii("HD");
    private static final byte[] EN = ascii("EN");
    private static final byte[] NS = ascii("NS");
    private static final byte[] EX = ascii("EX");
    private static final byte[] NF = ascii("NF");

    void get(Store store, ServerStats stats, Result r, Command.MetaGet c, ByteBuf out) {
        MetaFlags f = c.flags();
        stats.cmdMeta.increment();
        store.metaGet(c.key(), !f.has('u'), f.ttl(), f.vivifyTtl(), f.recacheTtl(), f.newCas(), f.base64Key(), r);
        Item it = r.item;
        boolean touching = f.ttl() != MetaFlags.ABSENT;
        if (touching) {
            stats.cmdTouch.increment();
        } else {
            stats.cmdGet.increment();
        }
        if (it == null) {
            (touching ? stats.touchMisses : stats.getMisses).increment();
            if (!f.quiet()) {
                out.writeBytes(EN);
                keyAndOpaque(f, c.key(), out);
                out.writeShort(Replies.CRLF);
            }
            return;
        }
        (touching ? stats.touchHits : stats.getHits).increment();
        boolean value = f.has('v');
        if (value) {
            out.writeBytes(VA);
            Ascii.writeUnsigned(out, it.valueLength());
        } else {
            out.writeBytes(HD);
        }
        for (int i = 0; i < f.orderLength(); i++) {
            byte flag = f.orderAt(i);
            switch (flag) {
                case 's' -> number(out, 's', it.valueLength());
                case 't' -> number(out, 't', r.ttl);
                case 'c' -> unsigned(out, 'c', it.cas());
                case 'f' -> {
                    out.writeByte(' ').writeByte('f');
                    Ascii.writeUnsigned32(out, it.flags());
                }
                case 'l' -> number(out, 'l', r.idleSeconds);
                case 'h' -> number(out, 'h', r.hitBefore ? 1 : 0);
                case 'O' -> opaque(f, out);
                case 'k' -> key(c.key(), f.base64Key(), out);
                default -> { }
            }
        }
        if (r.tokenAlreadySent) {
            out.writeByte(' ').writeByte('Z');
        }
        if (r.stale) {
            out.writeByte(' ').writeByte('X');
        }
        if (r.won) {
            out.writeByte(' ').writeByte('W');
        }
        out.writeShort(Replies.CRLF);
        if (value) {
            out.writeBytes(it.data(), it.valueOffset(), it.valueLength());
            out.writeShort(Replies.CRLF);
        }
    }

    void set(Store store, ServerStats stats, Result r, Command.MetaSet c, ByteBuf out) {
        MetaFlags f = c.flags();
        stats.cmdSet.increment();
        StorageMode mode = switch (f.mode()) {
            case 'E' -> StorageMode.ADD;
            case 'A' -> StorageMode.APPEND;
            case 'P' -> StorageMode.PREPEND;
            case 'R' -> StorageMode.REPLACE;
            default -> StorageMode.SET;
        };
        if (f.has('C') && (mode == StorageMode.SET || mode == StorageMode.REPLACE)) {
            mode = StorageMode.CAS;
        }
        long exptime = f.ttl() == MetaFlags.ABSENT ? 0 : f.ttl();
        long vivify = f.vivifyTtl() == MetaFlags.ABSENT ? Store.NO_TTL : f.vivifyTtl();
        Outcome outcome = store.store(mode, c.key(), f.clientFlags(), exptime, c.data(), f.compareCas(),
                f.newCas(), f.base64Key(), f.has('I'), vivify, r);
        if (mode == StorageMode.CAS) {
            CommandHandler.countCas(stats, outcome);
        }
        byte[] code;
        switch (outcome) {
            case STORED -> {
                if (f.quiet()) {
                    return;
                }
                code = HD;
            }
            case NOT_STORED -> code = NS;
            case EXISTS -> code = EX;
            case NOT_FOUND -> code = NF;
            default -> {
                stats.storeNoMemory.increment();
                out.writeBytes(Replies.OUT_OF_MEMORY);
                return;
            }
        }
        out.writeBytes(code);
        for (int i = 0; i < f.orderLength(); i++) {
            switch (f.orderAt(i)) {
                case 'O' -> opaque(f, out);
                case 'k' -> key(c.key(), f.base64Key(), out);
                case 'c' -> unsigned(out, 'c', r.item != null ? r.item.cas() : 0);
                case 's' -> number(out, 's', r.item != null ? r.item.valueLength() : c.data().length);
                default -> { }
            }
        }
        out.writeShort(Replies.CRLF);
    }

    void delete(Store store, ServerStats stats, Result r, Command.MetaDelete c, ByteBuf out) {
        MetaFlags f = c.flags();
        stats.cmdMeta.increment();
        long ttl = f.ttl() == MetaFlags.ABSENT ? Store.NO_TTL : f.ttl();
        Outcome outcome = store.metaDelete(c.key(), f.compareCas(), f.has('I'), f.has('x'), ttl, f.clientFlags(),
                f.newCas(), r);
        byte[] code;
        switch (outcome) {
            case DELETED -> {
                if (!f.has('I')) {
                    stats.deleteHits.increment();
                }
                if (f.quiet()) {
                    return;
                }
                code = HD;
            }
            case EXISTS -> {
                stats.deleteMisses.increment();
                code = EX;
            }
            case NOT_FOUND -> {
                stats.deleteMisses.increment();
                code = NF;
            }
            default -> {
                Replies.line(out, "SERVER_ERROR out of memory");
                return;
            }
        }
        out.writeBytes(code);
        keyAndOpaque(f, c.key(), out);
        out.writeShort(Replies.CRLF);
    }

    void arithmetic(Store store, ServerStats stats, Result r, Command.MetaArithmetic c, ByteBuf out) {
        MetaFlags f = c.flags();
        stats.cmdMeta.increment();
        boolean increment = f.mode() != 'D' && f.mode() != '-';
        long vivify = f.vivifyTtl() == MetaFlags.ABSENT ? Store.NO_TTL : f.vivifyTtl();
        long ttl = f.ttl() == MetaFlags.ABSENT ? Store.NO_TTL : f.ttl();
        Outcome outcome = store.arithmetic(c.key(), increment, f.delta(), f.compareCas(), f.newCas(), vivify,
                f.initial(), ttl, r);
        switch (outcome) {
            case STORED -> {
                (increment ? stats.incrHits : stats.decrHits).increment();
                if (f.quiet()) {
                    return;
                }
                byte[] digits = Long.toUnsignedString(r.number).getBytes(StandardCharsets.US_ASCII);
                boolean value = f.has('v');
                if (value) {
                    out.writeBytes(VA);
                    Ascii.writeUnsigned(out, digits.length);
                } else {
                    out.writeBytes(HD);
                }
                for (int i = 0; i < f.orderLength(); i++) {
                    switch (f.orderAt(i)) {
                        case 'c' -> unsigned(out, 'c', r.item.cas());
                        case 't' -> number(out, 't', r.ttl);
                        case 'O' -> opaque(f, out);
                        case 'k' -> key(c.key(), f.base64Key(), out);
                        default -> { }
                    }
                }
                out.writeShort(Replies.CRLF);
                if (value) {
                    out.writeBytes(digits);
                    out.writeShort(Replies.CRLF);
                }
            }
            case NOT_FOUND, EXISTS -> {
                if (outcome == Outcome.NOT_FOUND) {
                    (increment ? stats.incrMisses : stats.decrMisses).increment();
                }
                out.writeBytes(outcome == Outcome.NOT_FOUND ? NF : EX);
                keyAndOpaque(f, c.key(), out);
                out.writeShort(Replies.CRLF);
            }
            case NON_NUMERIC -> Replies.line(out, Replies.NON_NUMERIC);
            default -> Replies.line(out, "SERVER_ERROR out of memory");
        }
    }

    void debug(Store store, Command.MetaDebug c, ByteBuf out) {
        Item it = store.peek(c.key());
        if (it == null) {
            Replies.line(out, "EN");
            return;
        }
        out.writeCharSequence("ME ", StandardCharsets.US_ASCII);
        if (it.binaryKey() || c.base64Key()) {
            out.writeBytes(Base64.getEncoder().encode(c.key()));
        } else {
            out.writeBytes(it.data(), 0, it.keyLength());
        }
        out.writeCharSequence(" exp=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, store.ttlOf(it));
        out.writeCharSequence(" la=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, store.idleSecondsOf(it));
        out.writeCharSequence(" cas=", StandardCharsets.US_ASCII);
        Ascii.writeUnsigned(out, it.cas());
        out.writeCharSequence(store.fetched(it) ? " fetch=yes" : " fetch=no", StandardCharsets.US_ASCII);
        out.writeCharSequence(" cls=1 size=", StandardCharsets.US_ASCII);
        Ascii.writeLong(out, it.accountedSize());
        out.writeShort(Replies.CRLF);
    }

    /** O and k, in request order: what every reply carries, hit or miss. */
    private static void keyAndOpaque(MetaFlags f, byte[] key, ByteBuf out) {
        for (int i = 0; i < f.orderLength(); i++) {
            byte flag = f.orderAt(i);
            if (flag == 'O') {
                opaque(f, out);
            } else if (flag == 'k') {
                key(key, f.base64Key(), out);
            }
        }
    }

    private static void opaque(MetaFlags f, ByteBuf out) {
        out.writeByte(' ');
        out.writeBytes(f.opaque());
    }

    private static void key(byte[] key, boolean base64, ByteBuf out) {
        out.writeByte(' ').writeByte('k');
        if (base64) {
            out.writeBytes(Base64.getEncoder().encode(key));
            out.writeByte(' ').writeByte('b');
        } else {
            out.writeBytes(key);
        }
    }

    private static void number(ByteBuf out, char flag, long value) {
        out.writeByte(' ').writeByte(flag);
        Ascii.writeLong(out, value);
    }

    private static void unsigned(ByteBuf out, char flag, long value) {
        out.writeByte(' ').writeByte(flag);
        Ascii.writeUnsigned(out, value);
    }


    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
