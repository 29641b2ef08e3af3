package io.memcluster.coordinator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aPortWithAListenerIsInUseAndFreeOnceItCloses() throws Exception {
        int port;
        try (ServerSocket foreign = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = foreign.getLocalPort();
            assertThat(PortCheck.isFree("127.0.0.1", port)).isFalse();
            assertThat(PortCheck.isFree("0.0.0.0", port)).as("every interface includes loopback").isFalse();
        }
        assertThat(PortCheck.isFree("127.0.0.1", port)).isTrue();
    }
}
