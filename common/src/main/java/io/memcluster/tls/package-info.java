/**
 * TLS for every listener and client of the cluster: the choice between BoringSSL (netty-tcnative)
 * and the JDK's provider, server contexts built from the PEM files of a
 * {@link io.memcluster.config.TlsConfig} (TLS 1.2 and 1.3 only, session resumption with and
 * without client certificates), their replacement while running, and the user a client
 * certificate stands for.
 *
 * <p>A new set of files is put in force only after a handshake against it succeeds in memory, so
 * a broken certificate, a key that belongs to another certificate or an unreadable CA leaves the
 * previous context serving.
 */
package io.memcluster.tls;
