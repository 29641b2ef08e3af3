package io.memcluster.client.bench;

/** The server sent something that is not a reply to a get or a set: counting cannot go on. */
final class ReplyFormatException extends RuntimeException {

    ReplyFormatException(String message) {
        super(message);
    }
}
