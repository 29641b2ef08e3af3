package io.memcluster.certs;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every certs command shares: where the files go and whether to replace them. */
final class FolderOptions {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "data/certs",
            description = "Certificate folder (default: ${DEFAULT-VALUE}); created if missing,"
                    + " with mode 0700.")
    Path out;

    @Option(names = "--days", paramLabel = "N", defaultValue = "" + Validity.DEFAULT_LEAF_DAYS,
            description = "Days the new certificates stay valid (default: ${DEFAULT-VALUE};"
                    + " never beyond the CA's expiry).")
    int days;

    @Option(names = "--force",
            description = "Replace files that exist. Without it an existing file is left alone"
                    + " and nothing is written.")
    boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
