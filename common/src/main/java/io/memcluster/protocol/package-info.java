/**
 * The memcached text protocol (classic and meta commands) as data: bytes are decoded into
 * immutable {@link io.memcluster.protocol.Command} records and nothing else happens here. Node,
 * coordinator and client share these classes.
 */
package io.memcluster.protocol;
