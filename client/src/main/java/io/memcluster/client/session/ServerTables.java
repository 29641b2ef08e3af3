package io.memcluster.client.session;

import io.memcluster.protocol.Command;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.Reply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The statements answered from {@code stats}: COUNT, SHOW NAMESPACES and STATS [group]. */
final class ServerTables {

    private final Session session;

    ServerTables(Session session) {
        this.session = session;
    }

    Outcome count() {
        String namespace = session.namespace();
        long items = 0;
        for (NamespaceFigures figures : namespaceFigures()) {
            if (figures.name.equals(namespace)) {
                items = figures.items;
            }
        }
        return Outcome.ok("count", Long.toString(items), Outcome.fields("namespace", namespace, "count", items));
    }

    Outcome namespaces() {
        List<NamespaceFigures> all = namespaceFigures();
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        for (NamespaceFigures figures : all) {
            rows.add(List.of(figures.name, Long.toString(figures.items), Long.toString(figures.bytes)));
            json.add(Outcome.fields("name", figures.name, "items", figures.items, "bytes", figures.bytes));
        }
        List<String> lines = all.isEmpty() ? List.of("(no namespace holds items)")
                : Table.format(List.of("NAMESPACE", "ITEMS", "BYTES"), rows, 1);
        return Outcome.ok("show namespaces", lines, Outcome.fields("namespaces", json));
    }

    Outcome stats(String group) {
        List<Reply.Stat> stats = new ArrayList<>();
        Reply end = session.connection().listing(new Command.Stats(group == null ? new String[0] : new String[] {group}),
                element -> {
                    if (element instanceof Reply.Stat stat) {
                        stats.add(stat);
                    }
                });
        if (end instanceof Reply.Error error && error.kind() == ErrorKind.ERROR && group != null) {
            throw new ServerRefusal(ExitCodes.NOT_DONE, "the server has no stats group '" + group + "'"
                    + " (try settings, items, slabs, sizes, conns, namespaces, snapshots)");
        }
        if (!(end instanceof Reply.End)) {
            throw ServerRefusal.of(end, "read", "stats");
        }
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        for (Reply.Stat stat : stats) {
            rows.add(List.of(stat.name(), stat.value()));
            json.put(stat.name(), number(stat.value()));
        }
        List<String> lines = rows.isEmpty() ? List.of("(no statistics)") : Table.format(List.of("STAT", "VALUE"), rows, -1);
        return Outcome.ok("stats", lines, Outcome.fields("group", group, "stats", json));
    }

    /** A stat value as a JSON number when it is one (counters, rates), else as a string. */
    private static Object number(String value) {
        if (value.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(value);
        }
        return value;
    }

    record NamespaceFigures(String name, long items, long bytes) {
    }

    /** {@code stats namespaces}: {@code STAT <ns>:curr_items}, {@code :bytes}, {@code :max_version}. */
    List<NamespaceFigures> namespaceFigures() {
        Map<String, long[]> byName = new LinkedHashMap<>();
        Reply end = session.connection().listing(new Command.Stats(new String[] {"namespaces"}), element -> {
            if (element instanceof Reply.Stat stat) {
                int colon = stat.name().lastIndexOf(':');
                if (colon <= 0) {
                    return;
                }
                long[] figures = byName.computeIfAbsent(stat.name().substring(0, colon), n -> new long[2]);
                String field = stat.name().substring(colon + 1);
                try {
                    if (field.equals("curr_items")) {
                        figures[0] = Long.parseLong(stat.value().trim());
                    } else if (field.equals("bytes")) {
                        figures[1] = Long.parseLong(stat.value().trim());
                    }
                } catch (NumberFormatException e) {
                    // a figure we cannot read stays 0 rather than hiding the namespace
                }
            }
        });
        if (end instanceof Reply.Error error && error.kind() == ErrorKind.ERROR) {
            throw new ServerRefusal(ExitCodes.NOT_DONE,
                    "the server has no namespace statistics (stats namespaces): is it a memcluster node?");
        }
        if (!(end instanceof Reply.End)) {
            throw ServerRefusal.of(end, "read", "stats");
        }
        List<NamespaceFigures> result = new ArrayList<>();
        byName.forEach((name, figures) -> result.add(new NamespaceFigures(name, figures[0], figures[1])));
        result.sort(java.util.Comparator.comparing(NamespaceFigures::name));
        return result;
    }
}
