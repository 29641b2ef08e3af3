/**
 * Who may do what: users and their permissions ({@code data/users.json}), Argon2id password
 * hashes, signed tokens, the authentication of a username and secret, the slowing down of
 * failed attempts, and the namespace a key belongs to (the unit that permissions name).
 *
 * <p>Nothing in this package logs a password, a hash or a token; log lines name users only.
 */
package io.memcluster.auth;
