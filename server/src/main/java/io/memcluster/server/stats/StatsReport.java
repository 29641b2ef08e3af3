package io.memcluster.server.stats;

import io.memcluster.frontend.stats.ConnectionStats;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.server.store.Namespace;
import io.memcluster.server.store.Store;
import io.memcluster.server.store.StoreCounters;
import io.netty.buffer.ByteBuf;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The {@code stats} groups, written as memcached writes them: {@code STAT <name> <value>} lines
 * ending in {@code END}. Every group memcached_exporter asks for (general, settings, items, slabs)
 * answers, even where we have no slab classes, because the exporter hangs on {@code ERROR}.
 */
public final class StatsReport {

    /** The node's fixed settings, as {@code stats settings} reports them. */
    public record Settings(String version, String bind, int port, int maxConnections, int threads, int maxItemSize,
            long idleTimeoutSeconds, boolean shutdownEnabled, boolean authEnabled, boolean sslEnabled) {
    }

    private final CommandStats stats;
    private final FrontendStats frontend;
    private final Store store;
    private final Settings settings;
    private final long startedUnixSeconds;

    public StatsReport(CommandStats stats, FrontendStats frontend, Store store, Settings settings) {
        this.stats = stats;
        this.frontend = frontend;
        this.store = store;
        this.settings = settings;
        this.startedUnixSeconds = store.time().clock().seconds();
    }

    public void general(ByteBuf out) {
        long now = store.time().clock().seconds();
        StoreCounters c = store.counters();
        stat(out, "pid", ProcessHandle.current().pid());
        stat(out, "uptime", now - startedUnixSeconds);
        stat(out, "time", now);
        stat(out, "version", settings.version());
        stat(out, "pointer_size", 64);
        double cpuSeconds = processCpuSeconds();
        stat(out, "rusage_user", String.format(Locale.ROOT, "%.6f", cpuSeconds));
        stat(out, "rusage_system", "0.000000");
        ConnectionStats.connections(out, frontend, settings.maxConnections());
        stat(out, "cmd_get", stats.cmdGet.sum());
        stat(out, "cmd_set", stats.cmdSet.sum());
        stat(out, "cmd_flush", stats.cmdFlush.sum());
        stat(out, "cmd_touch", stats.cmdTouch.sum());
        stat(out, "cmd_meta", stats.cmdMeta.sum());
        stat(out, "get_hits", stats.getHits.sum());
        stat(out, "get_misses", stats.getMisses.sum());
        stat(out, "get_expired", c.getExpired.sum());
        stat(out, "get_flushed", c.getFlushed.sum());
        stat(out, "delete_misses", stats.deleteMisses.sum());
        stat(out, "delete_hits", stats.deleteHits.sum());
        stat(out, "incr_misses", stats.incrMisses.sum());
        stat(out, "incr_hits", stats.incrHits.sum());
        stat(out, "decr_misses", stats.decrMisses.sum());
        stat(out, "decr_hits", stats.decrHits.sum());
        stat(out, "cas_misses", stats.casMisses.sum());
        stat(out, "cas_hits", stats.casHits.sum());
        stat(out, "cas_badval", stats.casBadval.sum());
        stat(out, "touch_hits", stats.touchHits.sum());
        stat(out, "touch_misses", stats.touchMisses.sum());
        stat(out, "store_too_large", stats.storeTooLarge.sum());
        stat(out, "store_no_memory", stats.storeNoMemory.sum());
        ConnectionStats.security(out, frontend);
        stat(out, "limit_maxbytes", store.memoryLimit());
        stat(out, "accepting_conns", 1);
        stat(out, "listen_disabled_num", 0);
        stat(out, "threads", settings.threads());
        stat(out, "conn_yields", 0);
        stat(out, "bytes", store.bytesUsed());
        stat(out, "curr_items", store.itemCount());
        stat(out, "total_items", c.totalItems.sum());
        stat(out, "expired_unfetched", c.expiredUnfetched.sum());
        stat(out, "evicted_unfetched", c.evictedUnfetched.sum());
        stat(out, "evicted_active", 0);
        stat(out, "evictions", c.evictions.sum());
        stat(out, "reclaimed", c.reclaimed.sum());
        stat(out, "crawler_reclaimed", c.crawlerReclaimed.sum());
        stat(out, "crawler_items_checked", c.crawlerItemsChecked.sum());
        // memcluster's: what versioned deletes left behind (not items; outside limit_maxbytes)
        stat(out, "tombstones", store.tombstoneCount());
        stat(out, "tombstone_bytes", store.tombstoneBytes());
        stat(out, "tombstones_expired", store.tombstonesExpired());
        stat(out, "tombstones_dropped", store.tombstonesDropped());
        end(out);
    }

    public void settings(ByteBuf out) {
        stat(out, "maxbytes", store.memoryLimit());
        stat(out, "maxconns", settings.maxConnections());
        stat(out, "tcpport", settings.port());
        stat(out, "udpport", 0);
        stat(out, "inter", settings.bind());
        stat(out, "verbosity", 0);
        stat(out, "evictions", "on");
        stat(out, "domain_socket", "NULL");
        stat(out, "shutdown_command", settings.shutdownEnabled() ? "yes" : "no");
        stat(out, "num_threads", settings.threads());
        stat(out, "stat_key_prefix", ":");
        stat(out, "detail_enabled", "no");
        stat(out, "cas_enabled", "yes");
        stat(out, "binding_protocol", "ascii");
        stat(out, "auth_enabled_sasl", "no");
        stat(out, "auth_enabled_ascii", settings.authEnabled() ? "yes" : "no");
        stat(out, "item_size_max", settings.maxItemSize());
        stat(out, "maxconns_fast", "yes");
        stat(out, "lru_crawler", "yes");
        stat(out, "flush_enabled", "yes");
        stat(out, "dump_enabled", "yes");
        stat(out, "idle_timeout", settings.idleTimeoutSeconds());
        stat(out, "ssl_enabled", settings.sslEnabled() ? "yes" : "no");
        end(out);
    }

    /** One pseudo slab class (1) holds everything: we allocate per item, not from slabs. */
    public void items(ByteBuf out) {
        long count = store.itemCount();
        if (count > 0) {
            StoreCounters c = store.counters();
            stat(out, "items:1:number", count);
            stat(out, "items:1:age", 0);
            stat(out, "items:1:mem_requested", store.bytesUsed());
            stat(out, "items:1:evicted", c.evictions.sum());
            stat(out, "items:1:evicted_nonzero", 0);
            stat(out, "items:1:evicted_time", 0);
            stat(out, "items:1:outofmemory", stats.storeNoMemory.sum());
            stat(out, "items:1:tailrepairs", 0);
            stat(out, "items:1:reclaimed", c.reclaimed.sum());
            stat(out, "items:1:expired_unfetched", c.expiredUnfetched.sum());
            stat(out, "items:1:evicted_unfetched", c.evictedUnfetched.sum());
            stat(out, "items:1:crawler_reclaimed", c.crawlerReclaimed.sum());
        }
        end(out);
    }

    public void slabs(ByteBuf out) {
        long count = store.itemCount();
        if (count > 0) {
            stat(out, "1:chunk_size", Math.max(1, store.bytesUsed() / count));
            stat(out, "1:used_chunks", count);
            stat(out, "1:get_hits", stats.getHits.sum());
            stat(out, "1:cmd_set", stats.cmdSet.sum());
            stat(out, "1:delete_hits", stats.deleteHits.sum());
            stat(out, "1:incr_hits", stats.incrHits.sum());
            stat(out, "1:decr_hits", stats.decrHits.sum());
            stat(out, "1:cas_hits", stats.casHits.sum());
            stat(out, "1:cas_badval", stats.casBadval.sum());
            stat(out, "1:touch_hits", stats.touchHits.sum());
        }
        stat(out, "active_slabs", count > 0 ? 1 : 0);
        stat(out, "total_malloced", store.bytesUsed());
        end(out);
    }

    public void sizes(ByteBuf out) {
        stat(out, "sizes_status", "disabled");
        end(out);
    }

    /**
     * Ours: items, bytes, the highest version (CAS) and evictions per namespace the caller may see,
     * and the quota of one that has one ({@code limit_maxbytes}, as the general group names the
     * node's). A namespace with a quota is listed from the start, so that an operator sees the
     * quota in force before its first item; any other once it holds an item.
     */
    public void namespaces(ByteBuf out, Predicate<String> visible) {
        for (Namespace ns : store.namespaces()) {
            if ((ns.items() == 0 && !ns.hasQuota()) || !visible.test(ns.name())) {
                continue;
            }
            stat(out, ns.name() + ":curr_items", ns.items());
            stat(out, ns.name() + ":bytes", ns.bytes());
            stat(out, ns.name() + ":max_version", Long.toUnsignedString(ns.maxCas()));
            stat(out, ns.name() + ":evictions", ns.evictions());
            if (ns.hasQuota()) {
                stat(out, ns.name() + ":limit_maxbytes", ns.quota());
            }
        }
        end(out);
    }

    private static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    private static void stat(ByteBuf out, String name, long value) {
        ReplyEncoder.stat(out, name, value);
    }

    private static void stat(ByteBuf out, String name, String value) {
        ReplyEncoder.stat(out, name, value);
    }

    private static void end(ByteBuf out) {
        ReplyEncoder.end(out);
    }
}
