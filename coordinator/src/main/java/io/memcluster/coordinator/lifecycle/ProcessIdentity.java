package io.memcluster.coordinator.lifecycle;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a live process is one of ours, judged by its command line as the launcher builds it
 * ({@code java <options> -cp <jar> <main class> <flags>}): pids are reused, so a pid file alone
 * could name anyone's process, and only a process that passes here is ever adopted or signalled.
 * A command line that cannot be read (another user's process) is never ours.
 */
final class ProcessIdentity {

    static final String NODE_MAIN = "io.memcluster.server.NodeCommand";
    static final String COORDINATOR_MAIN = "io.memcluster.coordinator.CoordinatorCommand";

    private ProcessIdentity() {
    }

    /** A node started from exactly this node.yaml: the local node it belongs to, of this cluster. */
    static boolean isNode(ProcessHandle process, Path nodeYaml) {
        return arguments(process).map(args -> isNode(args, nodeYaml)).orElse(false);
    }

    /** The coordinator of this data folder (or one started without naming a data folder). */
    static boolean isCoordinator(ProcessHandle process, Path dataDir) {
        return arguments(process).map(args -> isCoordinator(args, dataDir)).orElse(false);
    }

    static boolean isNode(List<String> arguments, Path nodeYaml) {
        int main = arguments.indexOf(NODE_MAIN);
        return main >= 0 && flag(arguments, main, "--config").map(given -> same(given, nodeYaml)).orElse(false);
    }

    /**
     * A relative {@code --data-dir} was resolved from the folder the user ran the launcher in,
     * which the command line does not show: then the pid file in the data folder, which that
     * coordinator wrote itself, is what names it.
     */
    static boolean isCoordinator(List<String> arguments, Path dataDir) {
        int main = arguments.indexOf(COORDINATOR_MAIN);
        return main >= 0 && flag(arguments, main, "--data-dir")
                .map(given -> !Path.of(given).isAbsolute() || same(given, dataDir)).orElse(true);
    }

    private static Optional<List<String>> arguments(ProcessHandle process) {
        return process.info().arguments().map(List::of);
    }

    /** The value of {@code name} after the main class, as {@code --name value} or {@code --name=value}. */
    private static Optional<String> flag(List<String> arguments, int main, String name) {
        for (int i = main + 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals(name) && i + 1 < arguments.size()) {
                return Optional.of(arguments.get(i + 1));
            }
            if (argument.startsWith(name + "=")) {
                return Optional.of(argument.substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static boolean same(String given, Path expected) {
        // The launcher runs every process in the installation folder, as it runs this one.
        return Path.of(given).toAbsolutePath().normalize().equals(expected.toAbsolutePath().normalize());
    }
}
