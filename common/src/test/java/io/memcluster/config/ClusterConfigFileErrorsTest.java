package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.loadAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes an operator makes in the coordinator and cluster sections, and the line that points each one out. */
class ClusterConfigFileErrorsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "bind: ''                | coordinator.bind: is empty (expected a value, e.g. 127.0.0.1)",
        "bind: 10.0.0.1 10.0.0.2 | coordinator.bind: \"10.0.0.1 10.0.0.2\" is not an address (expected an address or host name without spaces, e.g. 127.0.0.1)",
        "port: 0                 | coordinator.port: 0 is out of range (expected 1-65535)",
        "port: 65536             | coordinator.port: 65536 is out of range (expected 1-65535)",
        "port: eleven            | coordinator.port: \"eleven\" is not a whole number (expected e.g. 11211)",
        "plain_port: -1          | coordinator.plain_port: -1 is out of range (expected 1-65535, or 0 for no plaintext listener)",
        "plain_port: 11211       | coordinator.plain_port: 11211 is coordinator.port too (expected another port, or 0 for no plaintext listener)",
        "threads: 0              | coordinator.threads: 0 is too small (expected at least 1)",
        "max_connections: 0      | coordinator.max_connections: 0 is too small (expected at least 1)",
        "max_connections: 3000000000 | coordinator.max_connections: 3000000000 is too large (expected at most 2147483647)",
        "idle_timeout: -1s       | coordinator.idle_timeout: \"-1s\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "prot: 1                 | coordinator.prot: unknown key, did you mean port? (valid keys under coordinator: bind, port, plain_port, threads, max_connections, idle_timeout, connection_buffers, id)",
    })
    void badValueUnderCoordinatorIsReportedWithItsPath(String line, String message) {
        assertThatThrownBy(() -> loadAll(dir, "coordinator:\n  " + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "replication_factor: 0     | cluster.replication_factor: 0 is too small (expected at least 1)",
        "replication_factor: 4     | cluster.replication_factor: 4 is more than the 3 nodes (expected 1-3)",
        "replication_factor: two   | cluster.replication_factor: \"two\" is not a whole number (expected e.g. 2)",
        "write_policy: majority    | cluster.write_policy: \"majority\" is not a write policy (expected all_live or quorum)",
        "write_policy: QUORUM      | cluster.write_policy: \"QUORUM\" is not a write policy (expected all_live or quorum)",
        "request_timeout: 0s       | cluster.request_timeout: 0s is too short (expected at least 1ms)",
        "request_timeout: soon     | cluster.request_timeout: \"soon\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "local: 3                  | cluster.local: is a single value, not a section (expected keys indented under local:)",
        "local: {count: -1}        | cluster.local.count: -1 is negative (expected 0, for no local nodes, or more)",
        "local: {count: 70000}     | cluster.local.count: 70000 is more than there are ports (expected at most 65535, one port each)",
        "local: {count: 0}         | cluster.local.count: 0 leaves the cluster without nodes (expected at least 1, or a node under cluster.nodes)",
        "local: {port_initial: 0}  | cluster.local.port_initial: 0 is out of range (expected 1-65535)",
        "local: {port_initial: 65534} | cluster.local.port_initial: 65534 puts node-3 on port 65536 (expected at most 65533 for 3 local nodes, one port each)",
        "local: {port_initial: 11210} | cluster.local.port_initial: 11210 puts node-2 on 11211, which is coordinator.port (expected a first port whose 3 ports miss coordinator.port and coordinator.plain_port, e.g. 11212)",
        "local: {cuont: 1}         | cluster.local.cuont: unknown key, did you mean count? (valid keys under cluster.local: count, port_initial)",
        "nodes: 3                  | cluster.nodes: is a single value, not a list (expected one entry per line starting with -, or [] for none)",
        "nodes: {name: a}          | cluster.nodes: is a section, not a list (expected one entry per line starting with -, or [] for none)",
        "nodes: [cache-1]          | cluster.nodes[0]: is a single value, not a section (expected keys indented under its -, e.g. - name: cache-1)",
        "replicas: 2               | cluster.replicas: unknown key (valid keys under cluster: replication_factor, write_policy, request_timeout, max_clock_skew, hints, local, nodes)",
        "hints: 64m                | cluster.hints: is a single value, not a section (expected keys indented under hints:)",
        "hints: {enabled: yes}     | cluster.hints.enabled: \"yes\" is not a boolean (expected true or false)",
        "hints: {max_bytes: lots}  | cluster.hints.max_bytes: \"lots\" is not a size (expected a number with an optional unit k, m or g, e.g. 64m)",
        "hints: {max_bytes: 1000}  | cluster.hints.max_bytes: 1000 is too small (expected at least 1k, e.g. 64m; enabled: false turns hints off)",
        "hints: {max_age: 0s}      | cluster.hints.max_age: 0s is too short (expected at least 1ms, e.g. 3h)",
        "hints: {max_age: later}   | cluster.hints.max_age: \"later\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)",
        "hints: {max_size: 1m}     | cluster.hints.max_size: unknown key (valid keys under cluster.hints: enabled, max_bytes, max_age)",
    })
    void badValueUnderClusterIsReportedWithItsPath(String line, String message) {
        assertThatThrownBy(() -> loadAll(dir, "cluster:\n  " + line + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "{host: h, port: 1}                 | cluster.nodes[0].name: is missing (expected a node name, e.g. cache-1)",
        "{name: a, port: 1}                 | cluster.nodes[0].host: is missing (expected a host name or address, e.g. 10.0.0.5)",
        "{name: a, host: h}                 | cluster.nodes[0].port: is missing (expected a whole number, e.g. 12001)",
        "{name: '', host: h, port: 1}       | cluster.nodes[0].name: is empty (expected a node name, e.g. cache-1)",
        "{name: a b, host: h, port: 1}      | cluster.nodes[0].name: \"a b\" is not a node name (expected 1-64 letters, digits, '.', '_' or '-', e.g. cache-1)",
        "{name: caché, host: h, port: 1}    | cluster.nodes[0].name: \"caché\" is not a node name (expected 1-64 letters, digits, '.', '_' or '-', e.g. cache-1)",
        "{name: a/b, host: h, port: 1}      | cluster.nodes[0].name: \"a/b\" is not a node name (expected 1-64 letters, digits, '.', '_' or '-', e.g. cache-1)",
        "{name: node-3, host: h, port: 1}   | cluster.nodes[0].name: \"node-3\" is a local node's name (expected a name other than node-1 to node-3, which cluster.local.count gives the local nodes)",
        "{name: a, host: '', port: 1}       | cluster.nodes[0].host: is empty (expected a host name or address, e.g. 10.0.0.5)",
        "{name: a, host: h h, port: 1}      | cluster.nodes[0].host: \"h h\" is not a host (expected a host name or address without spaces, e.g. 10.0.0.5)",
        "{name: a, host: h, port: 0}        | cluster.nodes[0].port: 0 is out of range (expected 1-65535)",
        "{name: a, host: h, port: x}        | cluster.nodes[0].port: \"x\" is not a whole number (expected e.g. 12001)",
        "{name: a, host: h, port: 1, weight: 0}    | cluster.nodes[0].weight: 0 is out of range (expected 1-1000)",
        "{name: a, host: h, port: 1, weight: 1001} | cluster.nodes[0].weight: 1001 is out of range (expected 1-1000)",
        "{name: a, host: h, port: 1, weight: 1.5}  | cluster.nodes[0].weight: \"1.5\" is not a whole number (expected e.g. 1)",
        "{name: a, host: 127.0.0.1, port: 12002}   | cluster.nodes[0]: 127.0.0.1:12002 is local node-2's address too (expected a host and port of its own for each node)",
        "{name: a, host: h, port: 1, prot: 2}      | cluster.nodes[0].prot: unknown key, did you mean port? (valid keys under cluster.nodes[0]: name, host, port, weight)",
    })
    void badRemoteNodeIsReportedWithItsIndex(String entry, String message) {
        assertThatThrownBy(() -> loadAll(dir, "cluster:\n  nodes:\n    - " + entry + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void remoteNodesNeedNamesAndAddressesOfTheirOwn() {
        assertThatThrownBy(() -> loadAll(dir, """
                cluster:
                  nodes:
                    - {name: cache-a, host: 10.0.0.5, port: 12001}
                    - {name: cache-b, host: CACHE.example.com, port: 12001}
                    - {name: cache-a, host: 10.0.0.6, port: 12001}
                    - {name: cache-c, host: cache.EXAMPLE.com, port: 12001}
                """))
                .hasMessage("""
                        cluster.nodes[2].name: "cache-a" is cluster.nodes[0]'s name too (expected a name of its own\
                         for each node)
                        cluster.nodes[3]: cache.EXAMPLE.com:12001 is cluster.nodes[1]'s address too (expected a host\
                         and port of its own for each node)""");
    }

    @Test
    void localNodesMustMissThePlainPortToo() {
        assertThatThrownBy(() -> loadAll(dir, "coordinator:\n  plain_port: 12003\n"))
                .hasMessage("cluster.local.port_initial: 12001 puts node-3 on 12003, which is coordinator.plain_port"
                        + " (expected a first port whose 3 ports miss coordinator.port and coordinator.plain_port,"
                        + " e.g. 12004)");
    }

    @Test
    void replicationFactorCountsLocalAndRemoteNodes() {
        MemclusterConfig config = loadAll(dir, """
                cluster:
                  replication_factor: 4
                  nodes:
                    - {name: cache-a, host: 10.0.0.5, port: 12001}
                """);

        assertThat(config.cluster().replicationFactor()).isEqualTo(4);
        assertThatThrownBy(() -> loadAll(dir, """
                cluster:
                  replication_factor: 2
                  local:
                    count: 0
                  nodes:
                    - {name: cache-a, host: 10.0.0.5, port: 12001}
                """))
                .hasMessage("cluster.replication_factor: 2 is more than the 1 node (expected 1)");
    }

    @Test
    void brokenEntryStillCountsAsANodeForTheReplicationFactor() {
        // The operator meant two nodes; "2 is more than the 1 node" would send them after the wrong line.
        assertThatThrownBy(() -> loadAll(dir, """
                cluster:
                  replication_factor: 2
                  local:
                    count: 0
                  nodes:
                    - {name: cache-a, host: 10.0.0.5, port: 12001}
                    - {name: cache-b, host: 10.0.0.6, port: 0}
                """))
                .hasMessage("cluster.nodes[1].port: 0 is out of range (expected 1-65535)");
    }

    @Test
    void nodeCountThatCannotBeReadIsNotCheckedAgainstTheReplicationFactor() {
        assertThatThrownBy(() -> loadAll(dir, "cluster:\n  replication_factor: 5\n  local:\n    count: five\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path)
                        .containsExactly("cluster.local.count"));
    }

    @Test
    void everyProblemOfEverySectionIsReportedAtOnceInFileOrder() {
        assertThatThrownBy(() -> loadAll(dir, """
                node:
                  threads: 0
                coordinator:
                  port: 70000
                  thraeds: 2
                cluster:
                  write_policy: some
                  local:
                    count: -1
                  nodes:
                    - name: cache-a
                      host: 10.0.0.5
                      prot: 12001
                    - oops
                    - name: cache-b
                      host: 10 0 0 6
                      port: 12001
                      weight: 0
                  request_timeout: 0s
                tls:
                  enabled: maybe
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("""
                        node.threads: 0 is too small (expected at least 1)
                        coordinator.port: 70000 is out of range (expected 1-65535)
                        coordinator.thraeds: unknown key, did you mean threads? (valid keys under coordinator: bind,\
                         port, plain_port, threads, max_connections, idle_timeout, connection_buffers, id)
                        cluster.write_policy: "some" is not a write policy (expected all_live or quorum)
                        cluster.local.count: -1 is negative (expected 0, for no local nodes, or more)
                        cluster.nodes[0].prot: unknown key, did you mean port? (valid keys under cluster.nodes[0]: name,\
                         host, port, weight)
                        cluster.nodes[0].port: is missing (expected a whole number, e.g. 12001)
                        cluster.nodes[1]: is a single value, not a section (expected keys indented under its -, e.g.\
                         - name: cache-1)
                        cluster.nodes[2].host: "10 0 0 6" is not a host (expected a host name or address without\
                         spaces, e.g. 10.0.0.5)
                        cluster.nodes[2].weight: 0 is out of range (expected 1-1000)
                        cluster.request_timeout: 0s is too short (expected at least 1ms)
                        tls.enabled: "maybe" is not a boolean (expected true or false)""");
    }

    @Test
    void reservedConnectionsMustLeaveTheCoordinatorASlotForLogins() {
        assertThatThrownBy(() -> loadAll(dir, "coordinator:\n  max_connections: 4\nauth:\n  reserved_connections: 4\n"))
                .hasMessage("auth.reserved_connections: 4 is not less than coordinator.max_connections 4"
                        + " (expected fewer, or no client could log in)");
    }
}
