package io.memcluster.certs;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code memcluster certs}: the cluster's certificate authority on the command line. */
@Command(name = "memcluster certs",
        description = {
            "The cluster's certificate authority: creates the CA, server certificates and client"
                + " certificates as PEM files (keys as PKCS#8 with mode 0600).",
            "A node runs the equivalent of 'generate' by itself on its first start."},
        subcommands = {GenerateCommand.class, ServerCommand.class, ClientCommand.class},
        synopsisSubcommandLabel = "(generate | server | client)",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:refused: a file exists (without --force), or the CA is missing or unreadable",
            "2:usage error"})
public final class CertsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: generate, server or client");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CertsCommand()).execute(args));
    }
}
