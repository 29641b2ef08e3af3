package io.memcluster.coordinator.lifecycle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a listener could bind an address now, asked by binding it for a moment: connecting
 * would miss a socket bound without accepting, and a listener on another interface that still
 * blocks this one.
 */
final class PortCheck {

    private PortCheck() {
    }

    static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the node's listener does: a port whose last connections linger in TIME_WAIT is free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
