package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import java.nio.charset.StandardCharsets;

/** The requests the link tests send. */
final class Commands {

    private Commands() {
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Command mg(String key, String... flags) {
        return new Command.MetaGet(bytes(key), MetaFlags.of(flags));
    }

    static Command ms(String key, byte[] value, String... flags) {
        return new Command.MetaSet(bytes(key), value, MetaFlags.of(flags));
    }

    static Command get(String... keys) {
        byte[][] raw = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            raw[i] = bytes(keys[i]);
        }
        return new Command.Retrieval(false, false, 0, raw);
    }

    static Command stats() {
        return new Command.Stats(new String[0]);
    }

    static Command metadump() {
        return new Command.LruCrawler(new String[] {"metadump", "all"});
    }
}
