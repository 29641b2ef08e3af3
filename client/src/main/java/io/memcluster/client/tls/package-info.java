/** TLS for clients: the one place a client-side SslContext is built. */
package io.memcluster.client.tls;
