/**
 * A node's security at start and while it runs: certificates generated on the first start,
 * the TLS context and the users loaded (or the start refused with the reason), the first admin
 * password shown once, and both reloaded on SIGHUP or when their files change.
 */
package io.memcluster.server.security;
