/**
 * Reloading files without a restart: noticing that files changed (their modification time,
 * size and identity, polled on a schedule) and the operator's explicit request (SIGHUP).
 */
package io.memcluster.reload;
