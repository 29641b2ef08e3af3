package io.memcluster.config;

import io.memcluster.auth.Namespaces;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code namespaces} section: the memory quota of each namespace that has one. A quota is
 * per node: each node holds at most that many bytes of the namespace (key, value and per-item
 * overhead, as {@code node.memory} counts them), evicting the namespace's own least recently used
 * items beyond it. A namespace without a quota shares what the others leave of {@code node.memory}.
 *
 * <p>Quotas are ceilings, not reservations, so their sum may exceed {@code node.memory}: "no
 * namespace may take more than half" is three quotas of half, and the node's limit still holds
 * over all of them. A single quota above {@code node.memory} could never be reached, and is more
 * likely a wrong unit than a wish, so it is refused. A quota below {@code node.max_item_size} is
 * allowed: an item larger than its namespace's quota is refused as one larger than the node's
 * memory is ({@code SERVER_ERROR out of memory storing object}).
 *
 * @param memoryByName bytes by namespace name, in name order
 */
public record NamespaceQuotas(Map<String, Long> memoryByName) {

    /** What the built-in defaults give: no namespace has a quota. */
    public static final NamespaceQuotas NONE = new NamespaceQuotas(Map.of());

    /** As {@code node.memory}'s: below it a quota holds a handful of items, more likely a missing unit. */
    public static final long MIN_MEMORY = NodeConfig.MIN_MEMORY;

    public NamespaceQuotas {
        Objects.requireNonNull(memoryByName, "memoryByName");
        memoryByName = Collections.unmodifiableMap(new TreeMap<>(memoryByName));
        ConfigException.throwIfAny(check(memoryByName, Long.MAX_VALUE));
    }

    /** The quota of {@code namespace} in bytes; 0 when it has none. */
    public long memoryOf(String namespace) {
        return memoryByName.getOrDefault(namespace, 0L);
    }

    public boolean isEmpty() {
        return memoryByName.isEmpty();
    }

    /**
     * Every rule broken, named by YAML path.
     *
     * @param nodeMemory {@code node.memory}, which no quota may exceed; {@link Long#MAX_VALUE}
     *                   when it is not known (not readable, which is reported on its own)
     */
    static List<ConfigProblem> check(Map<String, Long> memoryByName, long nodeMemory) {
        List<ConfigProblem> problems = new ArrayList<>();
        memoryByName.forEach((name, memory) -> {
            checkName(name, problems);
            String path = "namespaces." + name;
            if (memory < MIN_MEMORY) {
                problems.add(new ConfigProblem(path + ".memory", null, Sizes.format(memory)
                        + " is too small (expected at least " + Sizes.format(MIN_MEMORY) + ")"));
            } else if (memory > nodeMemory) {
                problems.add(new ConfigProblem(path + ".memory", null, Sizes.format(memory)
                        + " is larger than node.memory (expected at most " + Sizes.format(nodeMemory) + ")"));
            }
        });
        return problems;
    }

    /** The rule on a name alone, for an entry whose memory could not be read. */
    static void checkName(String name, List<ConfigProblem> problems) {
        if (!Namespaces.isValidName(name)) {
            problems.add(new ConfigProblem("namespaces." + name, null, ConfigProblem.quote(name)
                    + " is not a namespace (expected 1-" + Namespaces.MAX_LENGTH + " ASCII letters or digits, the"
                    + " prefix of keys such as cart.42, or " + Namespaces.DEFAULT + " for keys without one)"));
        }
    }
}
