/**
 * The cluster's own certificate authority: it creates the CA, server certificates for the
 * cluster's hosts and client certificates for the coordinator and for users, and keeps them as
 * PEM files in one folder ({@code data/certs} by default). A node calls
 * {@link io.memcluster.certs.CertificateFiles#ensureDefaults} on its first start; operators use
 * the {@code certs} command. The library part has no command-line code in it.
 */
package io.memcluster.certs;
