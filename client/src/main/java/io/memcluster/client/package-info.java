/**
 * The memcluster command-line client: connection to a node or coordinator (TLS, login), the
 * interactive shell, one-shot commands and the {@code bench} load generator.
 */
package io.memcluster.client;
