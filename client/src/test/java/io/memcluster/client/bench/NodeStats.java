package io.memcluster.client.bench;

import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** A server's {@code stats}, read over a plain socket, for checking bench's counts against. */
record NodeStats(Map<String, String> values) {

    static NodeStats of(int port) {
        try (RawClient client = new RawClient(port)) {
            Map<String, String> values = new HashMap<>();
            for (String line : client.call("stats\r\n", "END").split("\r\n")) {
                String[] parts = line.split(" ", 3);
                if (parts.length == 3 && parts[0].equals("STAT")) {
                    values.put(parts[1], parts[2]);
                }
            }
            return new NodeStats(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no STAT " + name + " in " + values.keySet());
        }
        return Long.parseLong(value);
    }

    /** How much {@code name} grew since {@code before}. */
    long since(NodeStats before, String name) {
        return get(name) - before.get(name);
    }
}
