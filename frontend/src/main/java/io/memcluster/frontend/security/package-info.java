/**
 * Security at start and while running, for node and coordinator alike: certificates generated on
 * the first start, the TLS context and the users loaded (or the start refused with the reason),
 * the first admin password shown once, and both reloaded on SIGHUP or when their files change.
 */
package io.memcluster.frontend.security;
