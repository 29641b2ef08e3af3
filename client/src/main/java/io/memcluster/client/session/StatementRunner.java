package io.memcluster.client.session;

import io.memcluster.client.connection.ConnectionException;
import io.memcluster.client.connection.LoginRefusedException;
import io.memcluster.client.connection.PasswordUnavailableException;
import io.memcluster.client.statement.Statement;
import io.memcluster.client.statement.Syntax;
import io.memcluster.client.statement.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs statements in a {@link Session} and prints what came of each; never throws for anything
 * a user or a server can cause. Each statement's failure is one line with an exit code; a lost
 * connection is dropped so that the next statement reconnects.
 */
public final class StatementRunner {

    /** Asks the user to confirm something destructive; scripts and one-shot commands say yes. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(String question);

        Confirmation ALWAYS = question -> true;
    }

    private final Session session;
    private final Printer printer;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final KeyCommands keys;
    private final ServerTables tables;
    private final KeyListings listings;
    private final UserCommands users;
    private final SnapshotReport snapshots;

    /** Without a source of new passwords: USER ADD and USER PASSWD are refused. */
    public StatementRunner(Session session, Printer printer, Confirmation confirmation) {
        this(session, printer, confirmation, username -> {
            throw new UsageException("no way to ask for the password of '" + username + "' here");
        });
    }

    public StatementRunner(Session session, Printer printer, Confirmation confirmation, NewPasswords passwords) {
        this.session = session;
        this.printer = printer;
        this.users = new UserCommands(session, passwords);
        this.keys = new KeyCommands(session);
        this.tables = new ServerTables(session);
        this.snapshots = new SnapshotReport(session);
        this.listings = new KeyListings(session, printer, confirmation, cancelled, this::failure, tables);
    }

    public Session session() {
        return session;
    }

    /**
     * Stops the statement running now, from another thread (Ctrl-C): a listing stops at its
     * next element and the connection, still receiving it, is dropped.
     */
    public void cancel() {
        cancelled.set(true);
    }

    /** Runs one statement, prints its outcome and returns its exit code. */
    public int run(Statement statement) {
        cancelled.set(false);
        try {
            if (statement instanceof Statement.Show show) {
                return listings.show(show);
            }
            if (statement instanceof Statement.FlushNamespace flush) {
                return print(listings.flush(flush));
            }
            return print(outcome(statement));
        } catch (RuntimeException e) {
            Failure failure = failure(e);
            return print(Outcome.failed(statement.name(), failure.exit(), failure.message(), Map.of()));
        }
    }

    /** Prints why the session could not connect (before any statement) and returns the exit code. */
    public int connectionFailure(ConnectionException e) {
        Failure failure = failure(e);
        return print(Outcome.failed("connect", failure.exit(), failure.message(), Map.of()));
    }

    /** Prints the outcome of a line that could not be parsed. */
    public int usageError(UsageException e) {
        return print(Outcome.failed("usage", ExitCodes.USAGE, e.getMessage(), Map.of()));
    }

    private Outcome outcome(Statement statement) {
        if (statement instanceof Statement.Write write) {
            return keys.write(write);
        } else if (statement instanceof Statement.Get get) {
            return keys.get(get);
        } else if (statement instanceof Statement.Has has) {
            return keys.has(has);
        } else if (statement instanceof Statement.Delete delete) {
            return keys.delete(delete);
        } else if (statement instanceof Statement.Arithmetic arithmetic) {
            return keys.arithmetic(arithmetic);
        } else if (statement instanceof Statement.Touch touch) {
            return keys.touch(touch);
        } else if (statement instanceof Statement.Count) {
            return tables.count();
        } else if (statement instanceof Statement.ShowNamespaces) {
            return tables.namespaces();
        } else if (statement instanceof Statement.Snapshot snapshot) {
            return snapshots.run(snapshot.namespace());
        } else if (statement instanceof Statement.Stats stats) {
            return tables.stats(stats.group());
        } else if (statement instanceof Statement.Use use) {
            session.use(use.namespace());
            return Outcome.ok("use", "using namespace " + use.namespace(), Outcome.fields("namespace", use.namespace()));
        } else if (statement instanceof Statement.Users u) {
            return users.run(u);
        } else if (statement instanceof Statement.Help help) {
            return help(help.topic());
        }
        return Outcome.ok("quit", (String) null, Map.of());
    }

    private static Outcome help(String topic) {
        if (topic != null) {
            Syntax syntax = Syntax.named(topic).orElseThrow(() -> new UsageException(
                    "no command '" + topic + "' (HELP lists the commands)"));
            return Outcome.ok("help", List.of(syntax.usage(), "  " + syntax.description()),
                    Outcome.fields("usage", syntax.usage(), "description", syntax.description()));
        }
        List<String> lines = new ArrayList<>();
        lines.add("Commands (case does not matter; quote values with spaces; keys are in the namespace of USE):");
        int width = 0;
        for (Syntax s : Syntax.values()) {
            width = Math.max(width, s.usage().length());
        }
        List<Map<String, Object>> json = new ArrayList<>();
        for (Syntax s : Syntax.values()) {
            lines.add("  " + pad(s.usage(), width) + "  " + s.description());
            json.add(Outcome.fields("usage", s.usage(), "description", s.description()));
        }
        return Outcome.ok("help", lines, Outcome.fields("commands", json));
    }

    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private int print(Outcome outcome) {
        printer.print(outcome);
        return outcome.exit();
    }

    /** An exception as the one line and exit code the user gets; a broken connection is dropped. */
    Failure failure(RuntimeException e) {
        if (e instanceof UsageException) {
            return new Failure(ExitCodes.USAGE, e.getMessage());
        }
        if (e instanceof ServerRefusal refusal) {
            return new Failure(refusal.exit(), refusal.getMessage());
        }
        if (e instanceof KeyListings.Cancelled) {
            // the rest of the listing is still on its way: only a new connection is in step
            session.dropConnection();
            return new Failure(ExitCodes.NOT_DONE, "cancelled");
        }
        if (e instanceof PasswordUnavailableException) {
            return new Failure(ExitCodes.USAGE, e.getMessage());
        }
        if (e instanceof LoginRefusedException) {
            session.dropConnection();
            return new Failure(ExitCodes.CONNECTION, e.getMessage());
        }
        if (e instanceof ConnectionException) {
            session.dropConnection();
            return new Failure(ExitCodes.CONNECTION, e.getMessage());
        }
        throw e;
    }

    record Failure(int exit, String message) {
    }
}
