/** The front end's counters (connections, logins, TLS, traffic) and the {@code stats} lines it writes from them. */
package io.memcluster.frontend.stats;
