package io.memcluster.client.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --json} report: one object, settings first, then the figures; latencies in
 * microseconds. Field names are snake_case like memcached's stats, for scripts to pick.
 */
final class ResultJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {
    }

    static String format(BenchResult result) {
        BenchSettings s = result.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", s.host());
        settings.put("port", s.port());
        settings.put("tls", s.tls());
        settings.put("login", s.login());
        settings.put("connections", s.connections());
        settings.put("threads", s.threads());
        settings.put("depth", s.depth());
        settings.put("get_ratio", s.getRatio());
        settings.put("value_size", s.valueSize());
        settings.put("keys", s.keyCount());
        settings.put("key_size", s.keySize());
        settings.put("distribution", s.distribution().name().toLowerCase(java.util.Locale.ROOT));
        settings.put("skew", s.distribution() == KeyDistribution.ZIPF ? s.skew() : null);
        settings.put("duration_seconds", s.duration() == null ? null : s.duration().toMillis() / 1000d);
        settings.put("requests", s.requests() > 0 ? s.requests() : null);
        settings.put("warmup_seconds", s.warmup().toMillis() / 1000d);
        settings.put("populate", s.populate());
        settings.put("seed", s.seed());

        Counts c = result.counts();
        Latency l = result.latency();
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("mean", l.mean());
        latency.put("p50", l.p50());
        latency.put("p90", l.p90());
        latency.put("p99", l.p99());
        latency.put("p99_9", l.p999());
        latency.put("max", l.max());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("transport", result.transport());
        json.put("tls_provider", result.tlsProvider());
        json.put("populated", result.populated());
        json.put("warmup_requests", result.warmupRequests());
        json.put("seconds", result.seconds());
        json.put("requests", c.requests());
        json.put("ops_per_second", result.opsPerSecond());
        json.put("gets", c.gets());
        json.put("hits", c.hits());
        json.put("misses", c.misses());
        json.put("hit_ratio", Double.isNaN(c.hitRatio()) ? null : c.hitRatio());
        json.put("sets", c.sets());
        json.put("stored", c.stored());
        json.put("errors", c.errors());
        json.put("first_error", result.firstErrorReply());
        json.put("latency_us", latency);
        json.put("client_cpu_seconds", Double.isNaN(result.cpuSeconds()) ? null : result.cpuSeconds());
        json.put("client_cpu_us_per_request",
                Double.isNaN(result.cpuMicrosPerRequest()) ? null : result.cpuMicrosPerRequest());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
