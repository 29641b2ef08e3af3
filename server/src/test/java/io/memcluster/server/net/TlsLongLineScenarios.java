package io.memcluster.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.testkit.RawClient;
import org.junit.jupiter.api.Test;

/**
 * Long lines that are not gets, over a real TLS socket, where decrypted bytes reach the decoder
 * in pieces: memcached's line rule (a newline within its 16 KB read buffer) holds for the whole
 * line however its bytes are split. Node and coordinator share the front end, so
 * {@code TlsLongLineTest} and {@code CoordinatorTlsLongLineTest} run these same scenarios, each
 * against its own TLS port. The tests are public because the coordinator's subclass lives in
 * another package.
 */
public abstract class TlsLongLineScenarios {

    /** A client on the TLS port of the server under test, which needs no login. */
    protected abstract RawClient connectTls() throws Exception;

    /** {@code set k 0 0 1}, padded with spaces to {@code length} bytes with its CRLF. */
    protected static String setLine(int length) {
        return "set k 0 0 1" + " ".repeat(length - "set k 0 0 1\r\n".length()) + "\r\n";
    }

    /**
     * Sends {@code mn} and the first {@code firstPart} bytes of {@code request} in one write (one
     * TLS record), waits for MN, so that the server has had the partial line before the rest comes,
     * then sends the rest in writes of 100 bytes and returns the replies up to {@code lastLine}.
     */
    private static String sendSplit(RawClient client, String request, int firstPart, String lastLine) throws Exception {
        assertThat(client.call("mn\r\n" + request.substring(0, firstPart), "MN")).isEqualTo("MN\r\n");
        client.sendInPieces(request.substring(firstPart), 100);
        return client.call("", lastLine);
    }

    @Test
    public void aLineOf3000BytesIsAnsweredWhenItsNewlineComesLater() throws Exception {
        try (RawClient client = connectTls()) {
            assertThat(sendSplit(client, setLine(3000) + "x\r\nget k\r\n", 2500, "END"))
                    .isEqualTo("STORED\r\nVALUE k 0 1\r\nx\r\nEND\r\n");
        }
    }

    @Test
    public void aLineWhoseNewlineIsWithin16KiBIsAnswered() throws Exception {
        try (RawClient client = connectTls()) {
            assertThat(sendSplit(client, setLine(16384) + "x\r\n", 16000, "STORED")).isEqualTo("STORED\r\n");
        }
    }

    @Test
    public void aLineWhoseNewlineIsPast16KiBCloses() throws Exception {
        try (RawClient client = connectTls()) {
            client.send(setLine(16385).substring(0, 16384));
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
