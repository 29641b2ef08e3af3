package io.memcluster.coordinator.lifecycle;

import io.memcluster.certs.CertificateFiles;
import io.memcluster.config.LocalNodes;
import io.memcluster.time.Clock;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a cluster keeps its runtime state under its data folder {@code D}:
 *
 * <pre>
 *   D/certs/                  the cluster CA, the server certificate, the coordinator's client certificate
 *   D/users.json              users (unless auth.users_file says otherwise)
 *   D/coordinator.pid, .log   the coordinator daemon
 *   D/version.bound           the upper bound of the versions the coordinator may mint (VersionBound)
 *   D/lifecycle.lock          held while processes are checked and started, so two starters never race
 *   D/nodes/node-1/           a local node's own data folder, holding node.yaml, node.pid and node.log
 * </pre>
 *
 * @param dir the data folder, absolute: every path here is handed to other processes
 */
public record DataLayout(Path dir) {

    public DataLayout {
        Objects.requireNonNull(dir, "dir");
        dir = dir.toAbsolutePath().normalize();
    }

    public CertificateFiles certificates() {
        return new CertificateFiles(dir.resolve("certs"), Clock.system());
    }

    public Path coordinatorPidFile() {
        return dir.resolve("coordinator.pid");
    }

    public Path coordinatorLog() {
        return dir.resolve("coordinator.log");
    }

    /** The coordinator's persisted version bound, so a restart never mints a version it minted before. */
    public Path versionBoundFile() {
        return dir.resolve("version.bound");
    }

    public Path lockFile() {
        return dir.resolve("lifecycle.lock");
    }

    /** {@code D/nodes/node-<i+1>}: the node's data_dir, and where its own files are. */
    public Path nodeDir(LocalNodes local, int i) {
        return local.dataDir(dir, i);
    }

    public Path nodeYaml(LocalNodes local, int i) {
        return nodeDir(local, i).resolve("node.yaml");
    }

    public Path nodePidFile(LocalNodes local, int i) {
        return nodeDir(local, i).resolve("node.pid");
    }

    public Path nodeLog(LocalNodes local, int i) {
        return nodeDir(local, i).resolve("node.log");
    }
}
