/**
 * The login step of a client connection, shared by node and coordinator: memcached's
 * text-protocol convention (a {@code set} whose data is {@code <username> <password>} or
 * {@code <username> jwt:<token>}) and the client certificate of a TLS handshake, in front of the
 * handler that executes commands. Password checks run off the event loop, ordered so that a
 * flood of wrong passwords cannot starve tokens, certificates or known clients; failed attempts
 * are throttled per address and per username without blocking the loop. A connection has a
 * deadline to log in, and those not logged in hold a bounded share of the connection slots
 * ({@link io.memcluster.login.PendingLogins}).
 */
package io.memcluster.login;
