package io.memcluster.client.bench;

/** The two requests a bench sends. */
enum Request {
    GET,
    SET
}
