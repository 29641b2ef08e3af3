package io.memcluster.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.memcluster.client.connection.Connector;
import io.memcluster.client.connection.Credentials;
import io.memcluster.client.connection.ServerAddress;
import io.memcluster.client.session.Session;
import io.memcluster.client.session.StatementRunner;
import io.memcluster.client.session.TextPrinter;
import io.memcluster.client.statement.StatementParser;
import io.memcluster.server.RunningNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session outlives its connection: when the server drops it, the next statement connects and
 * logs in again; while the server is away each statement fails with one line, and the first one
 * after it is back works.
 */
class ReconnectTest {

    private RunningNode node;
    private FrontServer front;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Session session;
    private StatementRunner runner;

    @BeforeEach
    void start() throws Exception {
        node = RunningNode.start();
        front = new FrontServer(node.port(), null, Map.of("admin", "s3cret"), Set.of()).start(0);
        Connector connector = new Connector(new ServerAddress("127.0.0.1", front.port(), null,
                ServerAddress.DEFAULT_REPLY_TIMEOUT), null, null, new Credentials("admin", "s3cret"::toCharArray));
        session = new Session(connector, "default", text -> err.append(text).append('\n'));
        runner = new StatementRunner(session, new TextPrinter(new PrintWriter(out), new PrintWriter(err), true),
                StatementRunner.Confirmation.ALWAYS);
    }

    @AfterEach
    void stop() {
        session.close();
        front.close();
        node.close();
    }

    private int run(String line) {
        return runner.run(StatementParser.parseLine(line));
    }

    @Test
    void aDroppedConnectionIsReopenedAndLoggedInAgain() {
        assertThat(run("set again.k v")).isZero();
        front.dropConnections();
        // The first statement may still meet the closing connection; by the second it is gone.
        int first = run("get again.k");
        int second = run("get again.k");
        assertThat(second).as(err.toString()).isZero();
        assertThat(first).isIn(0, 3);
        assertThat(err.toString()).contains("reconnected to 127.0.0.1:" + front.port());
        assertThat(out.toString()).endsWith("v\n");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void whileTheServerIsAwayEachStatementFailsInOneLineAndTheShellGoesOn() throws Exception {
        assertThat(run("set away.k v")).isZero();
        int port = front.port();
        front.stop();
        assertThat(run("get away.k")).isEqualTo(3);
        assertThat(run("get away.k")).isEqualTo(3);
        assertThat(err.toString()).contains("cannot connect to 127.0.0.1:" + port
                + ": connection refused (is the server running on that port?)");
        front.start(port);
        assertThat(run("get away.k")).as(err.toString()).isZero();
        assertThat(out.toString()).endsWith("v\n");
        assertThat(err.toString()).contains("reconnected to 127.0.0.1:" + port);
    }
}
