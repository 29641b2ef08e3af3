package io.memcluster.coordinator.it;

import io.memcluster.testkit.RawClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a plain port returns for many keys, read with multi-key gets of a hundred keys each. */
final class StoredValues {

    private static final int KEYS_PER_GET = 100;

    private StoredValues() {
    }

    /** Key to value for every key that was found; a key missing from the map was not. */
    static Map<String, String> of(int plainPort, List<String> keys) throws IOException {
        Map<String, String> found = new HashMap<>();
        try (RawClient client = new RawClient(plainPort)) {
            for (int from = 0; from < keys.size(); from += KEYS_PER_GET) {
                List<String> batch = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_GET));
                client.send("get " + String.join(" ", batch) + "\r\n");
                while (true) {
                    String line = strip(client.readLine());
                    if (line.equals("END")) {
                        break;
                    }
                    String[] header = line.split(" ");
                    if (header.length != 4 || !header[0].equals("VALUE")) {
                        throw new AssertionError("a multi-key get answered '" + line + "'");
                    }
                    int length = Integer.parseInt(header[3]);
                    String data = client.read(length + 2);
                    found.put(header[1], data.substring(0, length));
                }
            }
        }
        return found;
    }

    private static String strip(String line) {
        if (!line.endsWith("\r\n")) {
            throw new AssertionError("the connection ended in the middle of a reply: '" + line + "'");
        }
        return line.substring(0, line.length() - 2);
    }
}
