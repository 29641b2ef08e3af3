package io.memcluster.coordinator;

import io.memcluster.config.ConfigException;
import io.memcluster.config.ConfigLoader;
import io.memcluster.config.ConfigOverride;
import io.memcluster.config.MemclusterConfig;
import io.memcluster.frontend.security.StartException;
import io.memcluster.reload.Hangup;
import io.memcluster.time.Clock;
import io.memcluster.time.Ticker;
import io.memcluster.tls.TlsProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/memcluster coordinator}: the coordinator in the foreground until stopped. The local
 * nodes the configuration asks for are started as daemons first, or adopted when they run.
 */
@Command(name = "coordinator", mixinStandardHelpOptions = true, version = CoordinatorServer.VERSION,
        description = {"Starts the memcluster coordinator in the foreground: one memcached endpoint for the cluster.",
                "Local nodes are started as daemons (or adopted when running) and keep running after it stops.",
                "Flags override config.yaml, which overrides the built-in defaults."},
        sortOptions = false)
public final class CoordinatorCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config/config.yaml when it exists).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder for runtime state (data_dir; default: data).")
    String dataDir;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (coordinator.bind; default: 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "N",
            description = "TCP port for clients, TLS unless tls.enabled is false (coordinator.port; default: 11211).")
    String port;

    @Option(names = "--plain-port", paramLabel = "N",
            description = "Also listen without TLS on this port, on 127.0.0.1 unless plain.allow_remote"
                    + " (coordinator.plain_port; default: 0, none).")
    String plainPort;

    @Option(names = "--threads", paramLabel = "N", description = "Event-loop threads (coordinator.threads; default: 4).")
    String threads;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open client connections beyond which new ones are refused (coordinator.max_connections;"
                    + " default: 1024).")
    String maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close client connections idle this long; 0 never (coordinator.idle_timeout; default: 0).")
    String idleTimeout;

    @Override
    public Integer call() throws Exception {
        MemclusterConfig settings;
        try {
            Path file = config;
            if (file == null && Files.exists(ConfigLoader.DEFAULT_FILE)) {
                file = ConfigLoader.DEFAULT_FILE;
            }
            settings = ConfigLoader.load(file, System.getenv(), overrides());
        } catch (ConfigException e) {
            System.err.println("memcluster coordinator: invalid configuration");
            System.err.println(e.getMessage());
            return 2;
        }
        CoordinatorServer server = new CoordinatorServer(settings, Clock.system(), Ticker.system(),
                TlsProviders.preferred(), System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "coordinator-stop"));
        try {
            server.start(true);
        } catch (StartException e) {
            System.err.println("memcluster coordinator: " + e.getMessage());
            server.close();
            return 1;
        } catch (Exception e) {
            System.err.println("memcluster coordinator: cannot listen on " + settings.coordinator().bind() + ":"
                    + settings.coordinator().port() + ": " + e.getMessage());
            server.close();
            return 1;
        }
        // kill -HUP <pid> rereads the certificates and users.json at once
        Hangup.onSignal(server.reloader()::requestReload);
        server.awaitStop();
        return 0;
    }

    private List<ConfigOverride> overrides() {
        List<ConfigOverride> list = new ArrayList<>();
        add(list, "data_dir", dataDir, "--data-dir");
        add(list, "coordinator.bind", bind, "--bind");
        add(list, "coordinator.port", port, "--port");
        add(list, "coordinator.plain_port", plainPort, "--plain-port");
        add(list, "coordinator.threads", threads, "--threads");
        add(list, "coordinator.max_connections", maxConnections, "--max-connections");
        add(list, "coordinator.idle_timeout", idleTimeout, "--idle-timeout");
        return list;
    }

    private static void add(List<ConfigOverride> list, String path, String value, String flag) {
        if (value != null) {
            list.add(new ConfigOverride(path, value, flag));
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CoordinatorCommand()).execute(args));
    }
}
