package io.memcluster.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/memcluster snapshot [NAMESPACE]}: every node writes its snapshot files now, and one
 * line per node says how that went. It is the CLI's SNAPSHOT statement run once
 * ({@code bin/memcluster cli SNAPSHOT}), so it connects and logs in exactly as the CLI does
 * (config.yaml's coordinator address, {@code <data_dir>/certs/ca.crt}, MEMCLUSTER_USER and
 * MEMCLUSTER_PASSWORD or a prompt) and exits with the CLI's codes.
 */
@Command(name = "memcluster snapshot", mixinStandardHelpOptions = true, version = "memcluster snapshot 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Asks the coordinator to have every node write its snapshot files now (one namespace,"
                + " or all), and prints one line per node: what it wrote, or why it failed.",
                "Needs an ADMIN user: --username, else MEMCLUSTER_USER; the password from MEMCLUSTER_PASSWORD,"
                        + " else a prompt."},
        footer = {"", "Exit codes: 0 every node wrote its snapshot; 1 a node failed or was down;",
                "2 usage error; 3 connection, TLS, login or permission error."})
public final class SnapshotCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAMESPACE", arity = "0..1", description = "Only this namespace (default: all).")
    String namespace;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration to take the coordinator's address and data_dir from"
                    + " (default: config/config.yaml when it exists).")
    String config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The cluster's data folder, whose certs/ca.crt the coordinator's certificate must be"
                    + " signed by (default: data_dir of the configuration).")
    String dataDir;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Log in as this user"
            + " (default: MEMCLUSTER_USER).")
    String username;

    @Option(names = "--json", description = "Print one JSON object, for scripts.")
    boolean json;

    private final CliEnvironment environment;

    SnapshotCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        CliCommand.useCliLogging();
        System.exit(run(args, CliEnvironment.system()));
    }

    /** Runs the command and returns its exit code: the whole program, for tests too. */
    public static int run(String[] args, CliEnvironment environment) {
        return CliCommand.commandLine(new SnapshotCommand(environment), environment).execute(args);
    }

    @Override
    public Integer call() {
        List<String> cli = new ArrayList<>();
        if (config != null) {
            cli.addAll(List.of("--config", config));
        }
        if (dataDir != null) {
            Path ca = environment.userPath(dataDir).resolve("certs").resolve("ca.crt");
            cli.addAll(List.of("--ca", ca.toString()));
        }
        if (username != null) {
            cli.addAll(List.of("--username", username));
        }
        if (json) {
            cli.add("--json");
        }
        cli.add("SNAPSHOT");
        if (namespace != null) {
            cli.add(namespace);
        }
        return CliCommand.run(cli.toArray(String[]::new), environment);
    }
}
