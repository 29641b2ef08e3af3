/**
 * Offline administration commands run from the node jar by the launcher: {@code bin/memcluster
 * users ...} edits {@code data/users.json} and mints tokens. They work on files, not on a
 * running node.
 */
package io.memcluster.server.admin;
