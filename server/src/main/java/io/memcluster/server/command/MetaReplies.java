package io.memcluster.server.command;

import io.memcluster.protocol.StorageVerb;
import io.memcluster.protocol.Ascii;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.stats.CommandStats;
import io.memcluster.server.store.Item;
import io.memcluster.server.store.Outcome;
import io.memcluster.server.store.Result;
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


    void get(Store store, CommandStats stats, Result r, Command.MetaGet c, ByteBuf out) {
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
                ReplyEncoder.metaCode(out, MetaStatus.EN);
                keyAndOpaque(f, c.key(), out);
                out.writeShort(ReplyEncoder.CRLF);
            }
            return;
        }
        (touching ? stats.touchHits : stats.getHits).increment();
        boolean value = f.has('v');
        if (value) {
            ReplyEncoder.metaCode(out, MetaStatus.VA);
            out.writeByte(' ');
            Ascii.writeUnsigned(out, it.valueLength());
        } else {
            ReplyEncoder.metaCode(out, MetaStatus.HD);
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
        out.writeShort(ReplyEncoder.CRLF);
        if (value) {
            out.writeBytes(it.data(), it.valueOffset(), it.valueLength());
            out.writeShort(ReplyEncoder.CRLF);
        }
    }

    void set(Store store, CommandStats stats, Result r, Command.MetaSet c, ByteBuf out) {
        MetaFlags f = c.flags();
        stats.cmdSet.increment();
        StorageVerb mode = switch (f.mode()) {
            case 'E' -> StorageVerb.ADD;
            case 'A' -> StorageVerb.APPEND;
            case 'P' -> StorageVerb.PREPEND;
            case 'R' -> StorageVerb.REPLACE;
            default -> StorageVerb.SET;
        };
        if (f.has('C') && (mode == StorageVerb.SET || mode == StorageVerb.REPLACE)) {
            mode = StorageVerb.CAS;
        }
        long exptime = f.ttl() == MetaFlags.ABSENT ? 0 : f.ttl();
        long vivify = f.vivifyTtl() == MetaFlags.ABSENT ? Store.NO_TTL : f.vivifyTtl();
        Outcome outcome = f.has('V')
                ? store.storeVersioned(c.key(), f.clientFlags(), exptime, c.data(), f.newCas(), f.base64Key(), r)
                : store.store(mode, c.key(), f.clientFlags(), exptime, c.data(), f.compareCas(), f.newCas(),
                        f.base64Key(), f.has('I'), vivify, r);
        if (mode == StorageVerb.CAS) {
            NodeExecutor.countCas(stats, outcome);
        }
        MetaStatus code;
        switch (outcome) {
            case STORED -> {
                if (f.quiet()) {
                    return;
                }
                code = MetaStatus.HD;
            }
            case NOT_STORED -> code = MetaStatus.NS;
            case EXISTS -> code = MetaStatus.EX;
            case NOT_FOUND -> code = MetaStatus.NF;
            default -> {
                stats.storeNoMemory.increment();
                out.writeBytes(ReplyEncoder.OUT_OF_MEMORY);
                return;
            }
        }
        ReplyEncoder.metaCode(out, code);
        for (int i = 0; i < f.orderLength(); i++) {
            switch (f.orderAt(i)) {
                case 'O' -> opaque(f, out);
                case 'k' -> key(c.key(), f.base64Key(), out);
                case 'c' -> unsigned(out, 'c', r.item != null ? r.item.cas() : 0);
                case 's' -> number(out, 's', r.item != null ? r.item.valueLength() : c.data().length);
                default -> { }
            }
        }
        out.writeShort(ReplyEncoder.CRLF);
    }

    void delete(Store store, CommandStats stats, Result r, Command.MetaDelete c, ByteBuf out) {
        MetaFlags f = c.flags();
        stats.cmdMeta.increment();
        long ttl = f.ttl() == MetaFlags.ABSENT ? Store.NO_TTL : f.ttl();
        Outcome outcome;
        if (f.has('V')) {
            outcome = store.deleteVersioned(c.key(), f.newCas(), f.base64Key(), r);
        } else if (f.has('C') && f.compareCas() == 0) {
            // memcached's md compares even a C0, which no item's CAS is (the store reads 0 as none)
            outcome = store.peek(c.key()) == null ? Outcome.NOT_FOUND : Outcome.EXISTS;
        } else {
            outcome = store.metaDelete(c.key(), f.compareCas(), f.has('I'), f.has('x'), ttl, f.clientFlags(),
                    f.newCas(), r);
        }
        MetaStatus code;
        switch (outcome) {
            case DELETED -> {
                if (!f.has('I')) {
                    stats.deleteHits.increment();
                }
                if (f.quiet()) {
                    return;
                }
                code = MetaStatus.HD;
            }
            case EXISTS -> {
                stats.deleteMisses.increment();
                code = MetaStatus.EX;
            }
            case NOT_FOUND -> {
                stats.deleteMisses.increment();
                code = MetaStatus.NF;
            }
            default -> {
                ReplyEncoder.line(out, "SERVER_ERROR out of memory");
                return;
            }
        }
        ReplyEncoder.metaCode(out, code);
        keyAndOpaque(f, c.key(), out);
        out.writeShort(ReplyEncoder.CRLF);
    }

    void arithmetic(Store store, CommandStats stats, Result r, Command.MetaArithmetic c, ByteBuf out) {
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
                    ReplyEncoder.metaCode(out, MetaStatus.VA);
                    out.writeByte(' ');
                    Ascii.writeUnsigned(out, digits.length);
                } else {
                    ReplyEncoder.metaCode(out, MetaStatus.HD);
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
                out.writeShort(ReplyEncoder.CRLF);
                if (value) {
                    out.writeBytes(digits);
                    out.writeShort(ReplyEncoder.CRLF);
                }
            }
            case NOT_FOUND, EXISTS -> {
                if (outcome == Outcome.NOT_FOUND) {
                    (increment ? stats.incrMisses : stats.decrMisses).increment();
                }
                ReplyEncoder.metaCode(out, outcome == Outcome.NOT_FOUND ? MetaStatus.NF : MetaStatus.EX);
                keyAndOpaque(f, c.key(), out);
                out.writeShort(ReplyEncoder.CRLF);
            }
            case NON_NUMERIC -> ReplyEncoder.line(out, ReplyEncoder.NON_NUMERIC);
            default -> ReplyEncoder.line(out, "SERVER_ERROR out of memory");
        }
    }

    void debug(Store store, Command.MetaDebug c, ByteBuf out) {
        Item it = store.peek(c.key());
        if (it == null) {
            ReplyEncoder.line(out, "EN");
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
        out.writeShort(ReplyEncoder.CRLF);
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
        ReplyEncoder.metaKey(out, key, base64);
    }

    private static void number(ByteBuf out, char flag, long value) {
        ReplyEncoder.metaFlag(out, flag, value);
    }

    private static void unsigned(ByteBuf out, char flag, long value) {
        ReplyEncoder.metaFlagUnsigned(out, flag, value);
    }

}
