package io.memcluster.certs;

import io.memcluster.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memcluster certs generate}: a new CA with a server and a coordinator certificate. */
@Command(name = "generate",
        description = {
            "Create a new cluster CA (ca.crt, ca.key), a server certificate for the given hosts"
                + " (server.crt, server.key) and the coordinator's client certificate,"
                + " CN=coordinator (client.crt, client.key).",
            "Prints each file written and when each certificate expires."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:refused: a file exists and --force was not given", "2:usage error"})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FolderOptions folder;

    @Option(names = "--host", split = ",", paramLabel = "HOST",
            description = "DNS names and IP addresses the server certificate is for, comma-separated"
                    + " or repeated; localhost, 127.0.0.1 and ::1 are always included.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--ca-days", paramLabel = "N", defaultValue = "" + Validity.DEFAULT_CA_DAYS,
            description = "Days the CA stays valid (default: ${DEFAULT-VALUE}).")
    int caDays;

    @Override
    public Integer call() {
        CertificateFiles files = new CertificateFiles(folder.out, Clock.system());
        return CommandOutput.run(spec, folder.out, false,
                () -> files.generate(hosts, caDays, folder.days, folder.force));
    }
}
