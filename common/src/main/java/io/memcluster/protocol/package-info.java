/**
 * The memcached text protocol (classic and meta commands) as data, both ways. Requests: bytes
 * are decoded into immutable {@link io.memcluster.protocol.Command} records
 * ({@link io.memcluster.protocol.TextCommandDecoder}, the server side) and encoded back from
 * them ({@link io.memcluster.protocol.CommandEncoder}, the client side). Replies: bytes are
 * decoded into {@link io.memcluster.protocol.Reply} records
 * ({@link io.memcluster.protocol.ReplyDecoder}). Nothing else happens here. Node, coordinator
 * and client share these classes.
 */
package io.memcluster.protocol;
