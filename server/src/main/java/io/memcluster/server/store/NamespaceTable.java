package io.memcluster.server.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The namespaces seen so far, looked up by a key's prefix without allocating: a copy-on-write
 * array scanned linearly. Namespaces are few (tens), created rarely and never on the read path.
 */
final class NamespaceTable {

    private final Namespace defaultNamespace = new Namespace(io.memcluster.auth.Namespaces.DEFAULT);
    private volatile Namespace[] all = {defaultNamespace};

    Namespace of(byte[] key) {
        int length = io.memcluster.auth.Namespaces.prefixLength(key, 0, key.length);
        if (length == 0) {
            return defaultNamespace;
        }
        for (Namespace ns : all) {
            if (ns.nameEquals(key, length)) {
                return ns;
            }
        }
        return create(new String(key, 0, length, StandardCharsets.US_ASCII));
    }

    private synchronized Namespace create(String name) {
        for (Namespace ns : all) {
            if (ns.name().equals(name)) {
                return ns;
            }
        }
        Namespace created = new Namespace(name);
        Namespace[] grown = Arrays.copyOf(all, all.length + 1);
        grown[grown.length - 1] = created;
        all = grown;
        return created;
    }

    Namespace named(String name) {
        for (Namespace ns : all) {
            if (ns.name().equals(name)) {
                return ns;
            }
        }
        return null;
    }

    List<Namespace> list() {
        List<Namespace> list = new ArrayList<>(Arrays.asList(all));
        list.sort((a, b) -> a.name().compareTo(b.name()));
        return list;
    }
}
