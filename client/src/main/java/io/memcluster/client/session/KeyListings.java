package io.memcluster.client.session;

import io.memcluster.client.connection.Connection;
import io.memcluster.client.statement.KeyPattern;
import io.memcluster.client.statement.Statement;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The statements on a namespace's keys: SHOW KEYS and SHOW DATA, whose keys come from
 * {@code lru_crawler metadump all} (every live key of the server, which a node with permissions
 * limits to what the user may read), filtered to the namespace here; and FLUSH NAMESPACE.
 */
final class KeyListings {

    /** Keys per multi-get. */
    static final int BATCH = 100;

    /** Ctrl-C during a listing. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private final Session session;
    private final Printer printer;
    private final StatementRunner.Confirmation confirmation;
    private final AtomicBoolean cancelled;
    private final Function<RuntimeException, StatementRunner.Failure> failures;
    private final ServerTables tables;

    KeyListings(Session session, Printer printer, StatementRunner.Confirmation confirmation, AtomicBoolean cancelled,
            Function<RuntimeException, StatementRunner.Failure> failures, ServerTables tables) {
        this.session = session;
        this.tables = tables;
        this.printer = printer;
        this.confirmation = confirmation;
        this.cancelled = cancelled;
        this.failures = failures;
    }

    /** A key of the namespace as the server and the user know it. */
    private record Match(byte[] fullKey, String shown, long expires) {
    }

    /** SHOW KEYS and SHOW DATA; prints as it goes and returns the exit code. */
    int show(Statement.Show show) {
        Connection connection = session.connection(); // a failure here is reported before any output
        Map<String, Object> head = Outcome.fields("namespace", session.namespace(), "pattern", show.pattern());
        Printer.Listing listing = printer.listing(show.name(), show.withData() ? "items" : "keys", head);
        long[] count = {0};
        try {
            KeyPattern pattern = KeyPattern.of(show.pattern());
            if (!show.withData()) {
                dump(connection, match -> {
                    if (pattern.matches(match.shown())) {
                        listing.row(match.shown(), match.shown());
                        count[0]++;
                    }
                });
            } else {
                List<Match> matches = new ArrayList<>();
                dump(connection, match -> {
                    if (pattern.matches(match.shown())) {
                        matches.add(match);
                    }
                });
                for (int from = 0; from < matches.size(); from += BATCH) {
                    count[0] += rowsWithValues(connection, matches.subList(from, Math.min(matches.size(), from + BATCH)),
                            listing);
                }
            }
        } catch (RuntimeException e) {
            StatementRunner.Failure failure = failures.apply(e);
            listing.end(failure.exit(), failure.message(), Outcome.fields("count", count[0]));
            return failure.exit();
        }
        String noun = show.withData() ? "item" : "key";
        listing.end(ExitCodes.OK, count[0] + " " + noun + (count[0] == 1 ? "" : "s"), Outcome.fields("count", count[0]));
        return ExitCodes.OK;
    }

    /**
     * FLUSH NAMESPACE: {@code memcluster flush_namespace}, which empties the namespace on the
     * server (on every node, through a coordinator) and drops its snapshot file, after the user
     * said yes. A namespace that {@code stats namespaces} shows empty is not asked about.
     */
    Outcome flush(Statement.FlushNamespace flush) {
        String namespace = flush.namespace() != null ? flush.namespace() : session.namespace();
        String name = flush.name();
        boolean holdsItems = tables.namespaceFigures().stream()
                .anyMatch(figures -> figures.name().equals(namespace) && figures.items() > 0);
        if (!holdsItems) {
            return Outcome.ok(name, "namespace " + namespace + " holds no keys",
                    Outcome.fields("namespace", namespace, "flushed", false));
        }
        if (!confirmation.confirm("delete every key of namespace " + namespace + "?")) {
            return Outcome.failed(name, ExitCodes.NOT_DONE, "nothing deleted",
                    Outcome.fields("namespace", namespace, "flushed", false));
        }
        Reply reply = session.connection().request(new Command.FlushNamespace(namespace, false));
        if (!(reply instanceof Reply.Status status && status.status() == ReplyStatus.OK)) {
            throw ServerRefusal.of(reply, "write", namespace);
        }
        return Outcome.ok(name, "flushed namespace " + namespace, Outcome.fields("namespace", namespace,
                "flushed", true));
    }

    private void dump(Connection connection, java.util.function.Consumer<Match> each) {
        Reply end = connection.listing(new Command.LruCrawler(new String[] {"metadump", "all"}), element -> {
            checkCancelled();
            if (element instanceof Reply.KeyMetadata metadata) {
                byte[] local = session.localKey(metadata.key());
                if (local != null) {
                    each.accept(new Match(metadata.key(), ValueText.key(local), metadata.expires()));
                }
            }
        });
        requireEnd(end);
    }

    private long rowsWithValues(Connection connection, List<Match> batch, Printer.Listing listing) {
        byte[][] keys = new byte[batch.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = batch.get(i).fullKey();
        }
        Map<String, Reply.Value> values = new HashMap<>();
        Reply end = connection.listing(new Command.Retrieval(false, false, 0, keys), element -> {
            checkCancelled();
            if (element instanceof Reply.Value value) {
                values.put(new String(value.key(), StandardCharsets.ISO_8859_1), value);
            }
        });
        if (!(end instanceof Reply.End)) {
            throw ServerRefusal.of(end, "read", session.namespace());
        }
        long rows = 0;
        for (Match match : batch) {
            Reply.Value value = values.get(new String(match.fullKey(), StandardCharsets.ISO_8859_1));
            if (value == null) {
                continue; // expired or deleted since the listing
            }
            Map<String, Object> row = Outcome.fields("key", match.shown());
            KeyCommands.putValue(row, value.data());
            row.put("flags", Integer.toUnsignedLong(value.flags()));
            row.put("expires", match.expires() < 0 ? null : match.expires());
            listing.row(match.shown() + " = " + ValueText.render(value.data()), row);
            rows++;
        }
        return rows;
    }

    private void requireEnd(Reply end) {
        if (!(end instanceof Reply.End)) {
            ServerRefusal refusal = ServerRefusal.of(end, "read", session.namespace());
            throw new ServerRefusal(refusal.exit(), "the server cannot list keys: " + refusal.getMessage());
        }
    }

    private void checkCancelled() {
        if (cancelled.get()) {
            throw new Cancelled();
        }
    }
}
