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

/**
 * {@code memcluster certs server}: a server certificate from the CA already in the folder, for
 * another host of the same cluster or for new names of this one; the CA is kept.
 */
@Command(name = "server",
        description = {
            "Issue a new server certificate (server.crt, server.key) signed by the existing CA in"
                + " the folder, for another host of the cluster or to change this host's names.",
            "Copy ca.crt, ca.key and the folder to the other host, or run this there."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done",
            "1:refused: a file exists and --force was not given, or the CA is missing",
            "2:usage error"})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FolderOptions folder;

    @Option(names = "--host", split = ",", paramLabel = "HOST",
            description = "DNS names and IP addresses the certificate is for, comma-separated or"
                    + " repeated; localhost, 127.0.0.1 and ::1 are always included.")
    List<String> hosts = new ArrayList<>();

    @Override
    public Integer call() {
        CertificateFiles files = new CertificateFiles(folder.out, Clock.system());
        return CommandOutput.run(spec, folder.out, true,
                () -> files.issueServer(hosts, folder.days, folder.force));
    }
}
