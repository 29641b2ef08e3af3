package io.memcluster.coordinator.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NodeVersionsTest {

    /** A node that answers any line with {@code reply}, or says nothing when it is null. */
    private static ServerSocket node(String reply) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                socket.getInputStream().read(new byte[64]);
                if (reply != null) {
                    OutputStream out = socket.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                socket.getInputStream().read(); // until the asker closes
            } catch (IOException e) {
                // the asker went away
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    @Test
    void readsEachNodesHighestVersionAndSkipsTheOnesThatCannotSay() throws Exception {
        try (ServerSocket digest = node("DM 18446744073709551000\r\nDG default 3 1 5 00000000000000ff\r\nEND\r\n");
                ServerSocket older = node("CLIENT_ERROR usage: memcluster users ...\r\n");
                ServerSocket silent = node(null)) {
            ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            int goneport = gone.getLocalPort();
            gone.close();
            List<NodeVersions.Answer> answers = new NodeVersions(null, Duration.ofMillis(300)).ask(List.of(
                    new NodeVersions.Node("node-1", "127.0.0.1", digest.getLocalPort()),
                    new NodeVersions.Node("node-2", "127.0.0.1", older.getLocalPort()),
                    new NodeVersions.Node("node-3", "127.0.0.1", silent.getLocalPort()),
                    new NodeVersions.Node("node-4", "127.0.0.1", goneport)));
            assertThat(answers).extracting(NodeVersions.Answer::maxVersion).containsExactly(
                    OptionalLong.of(Long.parseUnsignedLong("18446744073709551000")), OptionalLong.empty(),
                    OptionalLong.empty(), OptionalLong.empty());
            assertThat(answers.get(1).problem()).startsWith("it answered 'CLIENT_ERROR");
        }
    }

    @Test
    void parsesOnlyADmLine() {
        assertThat(NodeVersions.parse("DM 0")).hasValue(0);
        assertThat(NodeVersions.parse("DM x")).isEmpty();
        assertThat(NodeVersions.parse("ERROR")).isEmpty();
    }
}
