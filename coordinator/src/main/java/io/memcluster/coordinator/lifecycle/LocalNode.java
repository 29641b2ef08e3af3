package io.memcluster.coordinator.lifecycle;

import io.memcluster.config.LocalNodes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Local node {@code i} of a cluster, with its files ({@link DataLayout}), and what runs for it.
 *
 * @param name    {@code node-<i+1>}
 * @param port    its port on {@link LocalNodes#HOST}
 * @param yaml    the node.yaml it runs from: with the main class, what identifies its process
 * @param pidFile its pid file
 * @param log     its log
 */
record LocalNode(String name, int port, Path yaml, PidFile pidFile, Path log) {

    static List<LocalNode> all(LocalNodes local, DataLayout layout) {
        List<LocalNode> nodes = new ArrayList<>(local.count());
        for (int i = 0; i < local.count(); i++) {
            nodes.add(new LocalNode(local.name(i), local.port(i), layout.nodeYaml(local, i),
                    new PidFile(layout.nodePidFile(local, i)), layout.nodeLog(local, i)));
        }
        return nodes;
    }

    String address() {
        return LocalNodes.HOST + ":" + port;
    }

    boolean isOurs(ProcessHandle process) {
        return process.isAlive() && ProcessIdentity.isNode(process, yaml);
    }

    /**
     * By its pid file first; failing that, by the pid its port reports, so that a node whose pid
     * file was lost is still found (and never started twice). Either way the process must be a
     * node started from this node's yaml.
     */
    Sighting look(NodeProbe probe) throws IOException {
        OptionalLong pid = pidFile.read();
        Optional<ProcessHandle> listed = pid.isEmpty() ? Optional.empty()
                : ProcessHandle.of(pid.getAsLong()).filter(this::isOurs);
        NodeProbe.Answer answer = probe.probe(LocalNodes.HOST, port);
        if (listed.isPresent()) {
            boolean answers = answer.isNode(listed.get().pid());
            return new Sighting(listed, answers ? ProcessState.RUNNING : ProcessState.NOT_RESPONDING);
        }
        if (answer.kind() == NodeProbe.Kind.NODE) {
            Optional<ProcessHandle> found = ProcessHandle.of(answer.pid()).filter(this::isOurs);
            if (found.isPresent()) {
                return new Sighting(found, ProcessState.RUNNING);
            }
        }
        return new Sighting(Optional.empty(), pidFile.exists() ? ProcessState.STALE_PID_FILE
                : ProcessState.NOT_RUNNING);
    }
}
