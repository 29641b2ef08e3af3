package io.memcluster.client.shell;

import io.memcluster.client.statement.Syntax;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command words from {@link Syntax} (SHOW → KEYS, DATA, NAMESPACES; ...),
 * namespace names after USE, SNAPSHOT and FLUSH NAMESPACE (asked from the server when completing),
 * stats groups after STATS and commands after HELP.
 */
final class ShellCompleter implements Completer {

    static final List<String> STATS_GROUPS = List.of("settings", "items", "slabs", "sizes", "conns", "namespaces",
            "snapshots");

    private final Supplier<List<String>> namespaces;

    /** @param namespaces the namespaces to offer; must not throw or print */
    ShellCompleter(Supplier<List<String>> namespaces) {
        this.namespaces = namespaces;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, Math.min(line.wordIndex(), line.words().size()));
        for (String word : candidatesAfter(before)) {
            candidates.add(new Candidate(word, word, null, null, null, null, true));
        }
    }

    /** What may follow these (complete) words. */
    List<String> candidatesAfter(List<String> words) {
        List<String> upper = new ArrayList<>();
        for (String word : words) {
            upper.add(word.toUpperCase(Locale.ROOT));
        }
        if (upper.isEmpty()) {
            Set<String> first = new LinkedHashSet<>();
            for (Syntax syntax : Syntax.values()) {
                first.add(syntax.words().get(0));
            }
            first.add("EXIT");
            return new ArrayList<>(first);
        }
        String verb = upper.get(0);
        if (upper.size() == 1) {
            switch (verb) {
                case "USE", "SNAPSHOT":
                    return namespaces.get();
                case "STATS":
                    return STATS_GROUPS;
                case "HELP":
                    return candidatesAfter(List.of());
                default:
                    break;
            }
        }
        if ((verb.equals("FLUSH") && upper.size() == 2 && upper.get(1).equals("NAMESPACE"))) {
            return namespaces.get();
        }
        // the next word of a multi-word command (SHOW KEYS, USER ADD, FLUSH NAMESPACE, HELP SHOW KEYS)
        List<String> command = verb.equals("HELP") ? upper.subList(1, upper.size()) : upper;
        Set<String> next = new LinkedHashSet<>();
        for (Syntax syntax : Syntax.values()) {
            List<String> syntaxWords = syntax.words();
            if (syntaxWords.size() > command.size() && syntaxWords.subList(0, command.size()).equals(command)) {
                next.add(syntaxWords.get(command.size()));
            }
        }
        return new ArrayList<>(next);
    }
}
