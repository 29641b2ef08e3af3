package io.memcluster.client.shell;

import io.memcluster.client.session.ExitCodes;
import io.memcluster.client.session.StatementRunner;
import io.memcluster.client.statement.Statement;
import io.memcluster.client.statement.StatementParser;
import io.memcluster.client.statement.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Statements read from a pipe or file, one a line: blank lines and lines starting with
 * {@code #} are skipped, a failing statement does not stop the ones after it, and QUIT ends
 * early. The exit code is the highest any statement had, so a script can tell that something
 * failed and how badly.
 */
public final class ScriptRunner {

    private final StatementRunner runner;

    public ScriptRunner(StatementRunner runner) {
        this.runner = runner;
    }

    public int run(Reader input) throws IOException {
        int worst = ExitCodes.OK;
        BufferedReader lines = new BufferedReader(input);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Statement statement;
            try {
                statement = StatementParser.parseLine(line);
            } catch (UsageException e) {
                worst = Math.max(worst, runner.usageError(e));
                continue;
            }
            if (statement instanceof Statement.Quit) {
                break;
            }
            worst = Math.max(worst, runner.run(statement));
        }
        return worst;
    }
}
