package io.memcluster.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds bytes to a {@link TextCommandDecoder} on an {@link EmbeddedChannel}, one write per
 * chunk, and returns what it decoded as {@link CommandText} lines. Every input buffer must be
 * released and nothing may be left in the channel.
 */
final class Decoding {

    static final int DEFAULT_MAX_ITEM_SIZE = 1024 * 1024;

    private Decoding() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String> decode(String... writes) {
        List<byte[]> chunks = new ArrayList<>();
        for (String w : writes) {
            chunks.add(bytes(w));
        }
        return decode(DEFAULT_MAX_ITEM_SIZE, chunks);
    }

    static List<String> decode(int maxItemSize, List<byte[]> writes) {
        return CommandText.of(decodeCommands(maxItemSize, writes));
    }

    static List<Command> decodeCommands(int maxItemSize, List<byte[]> writes) {
        EmbeddedChannel channel = new EmbeddedChannel(new TextCommandDecoder(maxItemSize));
        List<ByteBuf> written = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        try {
            for (byte[] chunk : writes) {
                ByteBuf buf = Unpooled.buffer(chunk.length).writeBytes(chunk);
                written.add(buf);
                channel.writeInbound(buf);
                for (Object m; (m = channel.readInbound()) != null; ) {
                    commands.add((Command) m);
                }
            }
        } finally {
            assertThat(channel.finishAndReleaseAll()).as("messages left in the channel").isFalse();
        }
        for (ByteBuf buf : written) {
            assertThat(buf.refCnt()).as("input buffer released").isZero();
        }
        return commands;
    }

    /** Splits {@code all} into two writes at {@code at}. */
    static List<byte[]> splitAt(byte[] all, int at) {
        byte[] first = new byte[at];
        byte[] second = new byte[all.length - at];
        System.arraycopy(all, 0, first, 0, at);
        System.arraycopy(all, at, second, 0, second.length);
        return List.of(first, second);
    }

    static List<byte[]> oneBytePerWrite(byte[] all) {
        return pieces(all, 1);
    }

    /** {@code all} in writes of {@code size} bytes (the last one shorter). */
    static List<byte[]> pieces(byte[] all, int size) {
        List<byte[]> writes = new ArrayList<>(all.length / size + 1);
        for (int at = 0; at < all.length; at += size) {
            writes.add(java.util.Arrays.copyOfRange(all, at, Math.min(all.length, at + size)));
        }
        return writes;
    }
}
