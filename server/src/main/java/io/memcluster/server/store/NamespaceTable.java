package io.memcluster.server.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespaces seen so far, looked up by a key's prefix without allocating: a copy-on-write
 * array scanned linearly. Namespaces are few (tens), created rarely and never on the read path.
 * Those with a quota exist from the start, each with its own LRU lane (1, 2, ... in name order);
 * any other is created by its first key, in the shared lane 0.
 */
final class NamespaceTable {

    private final Namespace defaultNamespace;
    private final int lanes;
    private volatile Namespace[] all;

    /** @param quotas bytes by namespace name, each valid and positive */
    NamespaceTable(Map<String, Long> quotas) {
        List<Namespace> created = new ArrayList<>();
        int lane = Namespace.SHARED_LANE;
        for (Map.Entry<String, Long> quota : new TreeMap<>(quotas).entrySet()) {
            if (!io.memcluster.auth.Namespaces.isValidName(quota.getKey())) {
                throw new IllegalArgumentException("not a namespace name: " + quota.getKey());
            }
            if (quota.getValue() <= 0) {
                throw new IllegalArgumentException("the quota of " + quota.getKey() + " must be positive, got "
                        + quota.getValue());
            }
            created.add(new Namespace(quota.getKey(), ++lane, quota.getValue()));
        }
        lanes = lane + 1;
        Namespace withQuota = created.stream()
                .filter(ns -> ns.name().equals(io.memcluster.auth.Namespaces.DEFAULT)).findFirst().orElse(null);
        defaultNamespace = withQuota != null ? withQuota : new Namespace(io.memcluster.auth.Namespaces.DEFAULT);
        if (withQuota == null) {
            created.add(0, defaultNamespace);
        }
        all = created.toArray(new Namespace[0]);
    }

    /** 1 plus the number of namespaces with a quota: the LRU lanes every segment has. */
    int lanes() {
        return lanes;
    }

    Namespace of(byte[] key) {
        return of(key, key.length);
    }

    /** The namespace of the key in {@code key[0, keyLength)}: an item's array, key then value. */
    Namespace of(byte[] key, int keyLength) {
        int length = io.memcluster.auth.Namespaces.prefixLength(key, 0, keyLength);
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
