package io.memcluster.certs;

import io.memcluster.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memcluster certs client}: a user's client certificate from the existing CA. */
@Command(name = "client",
        description = {
            "Issue a client certificate for a user, CN=<user>, signed by the existing CA in the"
                + " folder: client-<user>.crt and client-<user>.key."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done",
            "1:refused: a file exists and --force was not given, or the CA is missing",
            "2:usage error"})
final class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FolderOptions folder;

    @Option(names = "--user", required = true, paramLabel = "NAME",
            description = "The user the certificate stands for: 1-64 letters, digits, '_', '-'"
                    + " or '.'.")
    String user;

    @Override
    public Integer call() {
        CertificateFiles files = new CertificateFiles(folder.out, Clock.system());
        return CommandOutput.run(spec, folder.out, true,
                () -> files.issueClient(user, folder.days, folder.force));
    }
}
