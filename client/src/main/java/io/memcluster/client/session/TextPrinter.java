package io.memcluster.client.session;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Outcomes for people: results on standard output, failures as one line on standard error
 * (so that {@code cli get k > file} holds only the value). Summaries such as "3 keys" are shown
 * only in the interactive shell, where they do not get in a script's way.
 */
public final class TextPrinter implements Printer {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;

    public TextPrinter(PrintWriter out, PrintWriter err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public void print(Outcome outcome) {
        PrintWriter to = outcome.complaint() ? err : out;
        for (String line : outcome.lines()) {
            to.println(line);
        }
        to.flush();
    }

    @Override
    public Listing listing(String command, String field, Map<String, Object> head) {
        return new Listing() {
            @Override
            public void row(String text, Object json) {
                out.println(text);
            }

            @Override
            public void end(int exit, String summary, Map<String, Object> tail) {
                out.flush();
                if (exit != ExitCodes.OK) {
                    err.println(summary);
                } else if (interactive && summary != null) {
                    out.println(summary);
                }
                out.flush();
                err.flush();
            }
        };
    }

    @Override
    public void notice(String text) {
        err.println(text);
        err.flush();
    }
}
