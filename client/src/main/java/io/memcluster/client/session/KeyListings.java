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
 * The statements that walk a namespace's keys: SHOW KEYS, SHOW DATA and FLUSH NAMESPACE. Keys
 * come from {@code lru_crawler metadump all} (every live key of the server, which a node with
 * permissions limits to what the user may read), filtered to the namespace here.
 */
final class KeyListings {

    /** Keys per multi-get or per pipelined batch of deletes. */
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

    KeyListings(Session session, Printer printer, StatementRunner.Confirmation confirmation, AtomicBoolean cancelled,
            Function<RuntimeException, StatementRunner.Failure> failures) {
        this.session = session;
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
     * FLUSH NAMESPACE. The node has no command that flushes one namespace yet ({@code flush_all}
     * empties them all), so this lists the namespace's keys and deletes them, pipelined in
     * batches; a key written meanwhile survives. Replace with the node's command once it has one.
     */
    Outcome flush(Statement.FlushNamespace flush) {
        String namespace = flush.namespace() != null ? flush.namespace() : session.namespace();
        Connection connection = session.connection();
        List<byte[]> keys = new ArrayList<>();
        Reply end = connection.listing(new Command.LruCrawler(new String[] {"metadump", "all"}), element -> {
            checkCancelled();
            if (element instanceof Reply.KeyMetadata metadata
                    && KeyCommands.namespaceOf(metadata.key()).equals(namespace)) {
                keys.add(metadata.key());
            }
        });
        requireEnd(end);
        String name = flush.name();
        if (keys.isEmpty()) {
            return Outcome.ok(name, "namespace " + namespace + " holds no keys",
                    Outcome.fields("namespace", namespace, "deleted", 0));
        }
        if (!confirmation.confirm("delete the " + keys.size() + " key" + (keys.size() == 1 ? "" : "s")
                + " of namespace " + namespace + "?")) {
            return Outcome.failed(name, ExitCodes.NOT_DONE, "nothing deleted",
                    Outcome.fields("namespace", namespace, "deleted", 0));
        }
        long deleted = 0;
        for (int from = 0; from < keys.size(); from += BATCH) {
            checkCancelled();
            List<Command> batch = new ArrayList<>();
            for (byte[] key : keys.subList(from, Math.min(keys.size(), from + BATCH))) {
                batch.add(new Command.Delete(key, false));
            }
            for (Reply reply : connection.pipeline(batch)) {
                if (reply instanceof Reply.Status status && status.status() == ReplyStatus.DELETED) {
                    deleted++;
                } else if (!(reply instanceof Reply.Status status && status.status() == ReplyStatus.NOT_FOUND)) {
                    // NOT_FOUND: expired or deleted meanwhile, which is what was wanted
                    throw ServerRefusal.of(reply, "write", namespace);
                }
            }
        }
        return Outcome.ok(name, "deleted " + deleted + " key" + (deleted == 1 ? "" : "s") + " of namespace "
                + namespace, Outcome.fields("namespace", namespace, "deleted", deleted));
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
