package io.memcluster.protocol;

import io.netty.handler.codec.DecoderException;

/**
 * The server sent something that is not the memcached text protocol (or exceeds the decoder's
 * limits). The connection cannot be trusted to be in step any more: close it.
 */
public final class ReplyDecoderException extends DecoderException {

    public ReplyDecoderException(String message) {
        super(message);
    }
}
