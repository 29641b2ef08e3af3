package io.memcluster.server.command;

import io.memcluster.protocol.Ascii;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.store.Namespace;
import io.memcluster.server.store.Store;
import io.memcluster.server.store.VersionDigest;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code memcluster digest [namespace]}: the highest version the node holds ({@code DM}), then
 * each non-empty digest segment of each namespace ({@code DG <namespace> <segment> <count>
 * <highest> <xor>}), then {@code END}. At most 1024 short lines per namespace: a coordinator
 * compares two replicas from a few tens of kilobytes. Read without locks: a segment changed while
 * it is read shows one of its states, and the comparison that follows lists it again if it
 * still differs.
 */
final class DigestReport {

    private static final byte[] DM = "DM ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DG = "DG ".getBytes(StandardCharsets.US_ASCII);

    private DigestReport() {
    }

    static void write(Store store, String only, ByteBuf out) {
        long highest = 0;
        for (Namespace ns : store.namespaces()) {
            if (Long.compareUnsigned(ns.maxCas(), highest) > 0) {
                highest = ns.maxCas();
            }
        }
        out.writeBytes(DM);
        Ascii.writeUnsigned(out, highest);
        out.writeShort(ReplyEncoder.CRLF);
        for (Namespace ns : store.namespaces()) {
            if (only != null && !ns.name().equals(only)) {
                continue;
            }
            VersionDigest digest = ns.digest();
            for (int segment = 0; segment < VersionDigest.SEGMENTS; segment++) {
                long count = digest.count(segment);
                if (count <= 0) {
                    continue;
                }
                out.writeBytes(DG);
                out.writeCharSequence(ns.name(), StandardCharsets.US_ASCII);
                out.writeByte(' ');
                Ascii.writeLong(out, segment);
                out.writeByte(' ');
                Ascii.writeLong(out, count);
                out.writeByte(' ');
                Ascii.writeUnsigned(out, digest.highest(segment));
                out.writeByte(' ');
                hex16(out, digest.xor(segment));
                out.writeShort(ReplyEncoder.CRLF);
            }
        }
        ReplyEncoder.end(out);
    }

    private static void hex16(ByteBuf out, long value) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            out.writeByte(Character.forDigit((int) (value >>> shift) & 0xf, 16));
        }
    }
}
