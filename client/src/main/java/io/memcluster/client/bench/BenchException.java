package io.memcluster.client.bench;

/** The run could not be carried out or its figures would not be valid; the message says why. */
final class BenchException extends Exception {

    BenchException(String message) {
        super(message);
    }
}
