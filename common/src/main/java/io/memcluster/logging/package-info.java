/**
 * Logging policy shared by node and coordinator: {@link io.memcluster.logging.PerAddressLogLimiter}
 * keeps what one client address can make the server write to its log within bounds.
 */
package io.memcluster.logging;
