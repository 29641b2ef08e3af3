/**
 * The node's counters and the {@code stats} command's reports, under memcached's field names so
 * that memcstat, memcached_exporter and dashboards built for memcached read them unchanged.
 */
package io.memcluster.server.stats;
