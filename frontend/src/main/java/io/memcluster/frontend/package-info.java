/**
 * The front end shared by node and coordinator: everything between a memcached client's bytes
 * and a {@link io.memcluster.frontend.request.CommandExecutor} (listeners, TLS, logins,
 * permissions, connection limits and counters, replies in request order), so that both answer
 * clients exactly alike.
 */
package io.memcluster.frontend;
