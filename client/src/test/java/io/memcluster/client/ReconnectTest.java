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
import io.memcluster.server.TestTls;
import io.memcluster.server.TestUsers;
import io.memcluster.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session outlives its connection: when the server drops it, the next statement connects,
 * shakes hands and logs in again; while the server is away each statement fails with one line,
 * and the first one after it is back works. The server is a node with TLS and logins, stopped
 * and started again on the same port (its certificates and users are in its data folder; what
 * it held in memory is gone).
 */
class ReconnectTest {

    @TempDir
    Path dataDir;

    private RunningNode node;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Session session;
    private StatementRunner runner;

    @BeforeEach
    void start() {
        TestUsers.add(dataDir, "admin", "s3cret", "ADMIN");
        node = RunningNode.start(RunningNode.secureConfig(dataDir), Clock.system());
        Connector connector = new Connector(new ServerAddress("127.0.0.1", node.port(), TestTls.ca(dataDir),
                ServerAddress.DEFAULT_REPLY_TIMEOUT), null, null, new Credentials("admin", "s3cret"::toCharArray));
        session = new Session(connector, "default", text -> err.append(text).append('\n'));
        runner = new StatementRunner(session, new TextPrinter(new PrintWriter(out), new PrintWriter(err), true),
                StatementRunner.Confirmation.ALWAYS);
    }

    @AfterEach
    void stop() {
        session.close();
        node.close();
    }

    private int run(String line) {
        return runner.run(StatementParser.parseLine(line));
    }

    /** The same node again (config, port, data folder); close() returns once the port is free. */
    private void startAgain() {
        node = RunningNode.start(node.config(), Clock.system());
    }

    @Test
    void aDroppedConnectionIsReopenedAndLoggedInAgain() {
        assertThat(run("set again.k v")).isZero();
        // a restart drops every connection
        node.close();
        startAgain();
        // The first statement may still meet the closing connection; by the second it is gone.
        int first = run("set again.k w");
        int second = run("set again.k w");
        assertThat(second).as(err.toString()).isZero();
        assertThat(first).isIn(0, 3);
        assertThat(run("get again.k")).as(err.toString()).isZero();
        assertThat(out.toString()).endsWith("w\n");
        assertThat(err.toString()).contains("reconnected to 127.0.0.1:" + node.port());
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void whileTheServerIsAwayEachStatementFailsInOneLineAndTheShellGoesOn() {
        assertThat(run("set away.k v")).isZero();
        int port = node.port();
        node.close();
        assertThat(run("get away.k")).isEqualTo(3);
        assertThat(run("get away.k")).isEqualTo(3);
        assertThat(err.toString()).contains("cannot connect to 127.0.0.1:" + port
                + ": connection refused (is the server running on that port?)");
        startAgain();
        // the node that is back holds nothing yet: the first statement writes, the next reads it
        assertThat(run("set away.k w")).as(err.toString()).isZero();
        assertThat(run("get away.k")).as(err.toString()).isZero();
        assertThat(out.toString()).endsWith("w\n");
        assertThat(err.toString()).contains("reconnected to 127.0.0.1:" + port);
    }
}
