/**
 * What a node does with each command: the {@link io.memcluster.server.command.NodeExecutor}
 * behind the shared front end runs it against the {@link io.memcluster.server.store.Store} and
 * writes memcached's reply (meta commands, stats, lru_crawler, user administration each in a
 * class of their own).
 */
package io.memcluster.server.command;
