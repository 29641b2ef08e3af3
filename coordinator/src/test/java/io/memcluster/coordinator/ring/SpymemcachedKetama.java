package io.memcluster.coordinator.ring;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.KetamaNodeKeyFormatter;
import net.spy.memcached.KetamaNodeLocator;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.util.DefaultKetamaNodeLocatorConfiguration;

/**
 * The reference the ring must agree with: spymemcached's own {@code KetamaNodeLocator} with
 * {@code KETAMA_HASH}, over stub nodes whose ketama key is a plain name. spymemcached would key
 * a real node by {@code String.valueOf(InetSocketAddress)}, which differs between JDKs; the
 * formatter below replaces that with the name, and the socket address serves only as the key of
 * spymemcached's weight map.
 */
final class SpymemcachedKetama {

    static {
        // spymemcached asserts that its continuum holds exactly 160 points per node, which is
        // false whenever weights round down or two points collide, both of which are tested
        // here; surefire runs with -ea. The status only takes if set before the class is loaded.
        SpymemcachedKetama.class.getClassLoader()
                .setClassAssertionStatus("net.spy.memcached.KetamaNodeLocator", false);
    }

    private final KetamaNodeLocator locator;

    private SpymemcachedKetama(List<RingNode> nodes, boolean weighted) {
        List<MemcachedNode> stubs = new ArrayList<>();
        Map<MemcachedNode, String> names = new HashMap<>();
        Map<InetSocketAddress, Integer> weights = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            RingNode node = nodes.get(i);
            InetSocketAddress address = InetSocketAddress.createUnresolved("stub", 20_000 + i);
            MemcachedNode stub = stub(node.name(), address);
            stubs.add(stub);
            names.put(stub, node.name());
            weights.put(address, node.weight());
        }
        KetamaNodeKeyFormatter byName = new KetamaNodeKeyFormatter() {
            @Override
            public String getKeyForNode(MemcachedNode node, int repetition) {
                return names.get(node) + "-" + repetition;
            }
        };
        locator = new KetamaNodeLocator(stubs, DefaultHashAlgorithm.KETAMA_HASH,
                weighted ? weights : Map.of(), new DefaultKetamaNodeLocatorConfiguration(byName));
    }

    /** spymemcached as a client configured without weights: 160 points per node. */
    static SpymemcachedKetama unweighted(List<RingNode> nodes) {
        return new SpymemcachedKetama(nodes, false);
    }

    /** spymemcached given each node's weight: its weighted formula. */
    static SpymemcachedKetama weighted(List<RingNode> nodes) {
        return new SpymemcachedKetama(nodes, true);
    }

    /** The name of the node spymemcached picks for the key. */
    String primaryFor(String key) {
        return locator.getPrimary(key).toString();
    }

    private static MemcachedNode stub(String name, InetSocketAddress address) {
        return (MemcachedNode) Proxy.newProxyInstance(MemcachedNode.class.getClassLoader(),
                new Class<?>[] {MemcachedNode.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSocketAddress" -> address;
                    case "toString" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
