package io.memcluster.server;

import io.memcluster.config.ConfigException;
import io.memcluster.config.ConfigOverride;
import io.memcluster.config.JvmMemory;
import io.memcluster.config.NodeConfig;
import io.memcluster.config.NodeConfigLoader;
import io.memcluster.reload.Hangup;
import io.memcluster.frontend.security.StartException;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/memcluster node}: starts a cache node in the foreground until stopped. */
@Command(name = "node", mixinStandardHelpOptions = true, version = NodeServer.VERSION,
        description = {"Starts a memcluster cache node speaking the memcached text protocol.",
                "Flags override config.yaml, which overrides the built-in defaults."},
        sortOptions = false)
public final class NodeCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config/config.yaml when it exists).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder for runtime state (data_dir; default: data).")
    String dataDir;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (node.bind; default: 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "N",
            description = "TCP port of the main listener, TLS unless tls.enabled is false (node.port; default: 12001).")
    String port;

    @Option(names = "--plain-port", paramLabel = "N",
            description = "Also listen without TLS on this port, on 127.0.0.1 unless plain.allow_remote"
                    + " (plain.port; default: 0, none).")
    String plainPort;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Memory limit for items, e.g. 64m or 2g (node.memory; default: 64m).")
    String memory;

    @Option(names = "--max-item-size", paramLabel = "SIZE",
            description = "Largest item accepted, e.g. 1m (node.max_item_size; default: 1m).")
    String maxItemSize;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Open connections beyond which new ones are refused (node.max_connections; default: 1024).")
    String maxConnections;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (node.threads; default: 4).")
    String threads;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Close connections idle this long, e.g. 10m; 0 never (node.idle_timeout; default: 0).")
    String idleTimeout;

    @Option(names = "--connection-buffers", paramLabel = "SIZE",
            description = "Memory beyond --memory for connections' buffers, e.g. 64m; sizes the JVM"
                    + " (node.connection_buffers; default: 64m).")
    String connectionBuffers;

    @Option(names = "--snapshot-interval", paramLabel = "DURATION",
            description = "Write each namespace to <data-dir>/snapshots this often, e.g. 5m; 0s only on demand"
                    + " and at stop (snapshot.interval; default: 5m).")
    String snapshotInterval;

    // For bin/memcluster, which starts the JVM with them: the same file, environment and flags.
    @Option(names = "--print-jvm-options", hidden = true)
    boolean printJvmOptions;

    @Override
    public Integer call() throws Exception {
        NodeConfig nodeConfig;
        try {
            Path file = config;
            if (file == null && java.nio.file.Files.exists(NodeConfigLoader.DEFAULT_FILE)) {
                file = NodeConfigLoader.DEFAULT_FILE;
            }
            nodeConfig = NodeConfigLoader.load(file, System.getenv(), overrides());
        } catch (ConfigException e) {
            System.err.println("memcluster node: invalid configuration");
            System.err.println(e.getMessage());
            return 2;
        }
        if (printJvmOptions) {
            // a heap with room for what the node is about to load (JvmMemory.withRoomFor)
            long toLoad = io.memcluster.server.snapshot.Snapshots.bytesToLoad(nodeConfig.snapshot().dir());
            System.out.println(String.join(" ", JvmMemory.forNode(nodeConfig).withRoomFor(toLoad).options()));
            return 0;
        }
        NodeServer server = new NodeServer(nodeConfig, Clock.system());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "node-stop"));
        try {
            server.start();
        } catch (StartException e) {
            System.err.println("memcluster node: " + e.getMessage());
            server.close();
            return 1;
        } catch (Exception e) {
            System.err.println("memcluster node: cannot listen on " + nodeConfig.bind() + ":" + nodeConfig.port()
                    + ": " + e.getMessage());
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
        ConfigOverride.addIfGiven(list, "data_dir", dataDir, "--data-dir");
        ConfigOverride.addIfGiven(list, "node.bind", bind, "--bind");
        ConfigOverride.addIfGiven(list, "node.port", port, "--port");
        ConfigOverride.addIfGiven(list, "plain.port", plainPort, "--plain-port");
        ConfigOverride.addIfGiven(list, "node.memory", memory, "--memory");
        ConfigOverride.addIfGiven(list, "node.max_item_size", maxItemSize, "--max-item-size");
        ConfigOverride.addIfGiven(list, "node.max_connections", maxConnections, "--max-connections");
        ConfigOverride.addIfGiven(list, "node.threads", threads, "--threads");
        ConfigOverride.addIfGiven(list, "node.idle_timeout", idleTimeout, "--idle-timeout");
        ConfigOverride.addIfGiven(list, "node.connection_buffers", connectionBuffers, "--connection-buffers");
        ConfigOverride.addIfGiven(list, "snapshot.interval", snapshotInterval, "--snapshot-interval");
        return list;
    }


    public static void main(String[] args) {
        System.exit(new CommandLine(new NodeCommand()).execute(args));
    }
}
