package io.memcluster.certs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How the certs commands report: one line per file written, one line per failure, and exit
 * codes 0 (done), 1 (refused) and 2 (usage error).
 */
final class CommandOutput {

    static final int DONE = 0;
    static final int REFUSED = 1;

    // Dates in UTC so every node of a cluster prints the same expiry for the same file.
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private CommandOutput() {
    }

    /** What a command does, once its options are parsed. */
    @FunctionalInterface
    interface Work {
        List<WrittenFile> call() throws IOException;
    }

    /**
     * Runs a command's work: invalid input becomes a usage error, a refusal one clear line on
     * the error stream.
     *
     * @param usesCa whether the work reads the CA in {@code dir}, so a missing file means that
     *               the folder has no CA yet
     */
    static int run(CommandSpec spec, Path dir, boolean usesCa, Work work) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            for (WrittenFile file : work.call()) {
                out.println(describe(file));
            }
            out.flush();
            return DONE;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        } catch (FileAlreadyExistsException e) {
            err.println("memcluster certs: " + e.getFile() + " already exists; nothing was written"
                    + " (pass --force to replace it)");
            err.flush();
            return REFUSED;
        } catch (NoSuchFileException e) {
            err.println("memcluster certs: " + (usesCa
                    ? "no CA in " + dir + " (" + e.getFile() + " is missing); run"
                            + " 'memcluster certs generate --out " + dir + "' first"
                    : e.getFile() + " is missing"));
            err.flush();
            return REFUSED;
        } catch (IOException e) {
            err.println("memcluster certs: " + e.getMessage());
            err.flush();
            return REFUSED;
        }
    }

    static String describe(WrittenFile file) {
        return file.expires()
                .map(expires -> "wrote " + file.path() + ", expires " + DATE.format(expires))
                .orElse("wrote " + file.path() + " (private key, owner-only)");
    }
}
