/**
 * Running statements against a server: the {@link io.memcluster.client.session.Session} (one
 * connection, reconnected when lost, and the namespace in use), the
 * {@link io.memcluster.client.session.StatementRunner} that turns each statement into protocol
 * requests, and the two ways results are printed (text for people, JSON for scripts).
 */
package io.memcluster.client.session;
