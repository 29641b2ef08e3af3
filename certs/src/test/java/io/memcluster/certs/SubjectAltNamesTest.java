package io.memcluster.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectAltNamesTest {

    @Test
    void tellsAddressesFromNamesAndAddsLoopback() throws Exception {
        SubjectAltNames names = SubjectAltNames.forHosts(
                List.of("node-1.cluster.internal", "10.0.0.5", "2001:db8::1", "*.cache.example.com"));

        assertThat(names.dnsNames())
                .containsExactly("node-1.cluster.internal", "*.cache.example.com", "localhost");
        assertThat(names.ipAddresses()).containsExactly(
                InetAddress.getByName("10.0.0.5"), InetAddress.getByName("2001:db8::1"),
                InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
    }

    @Test
    void dropsDuplicatesInAnySpelling() throws Exception {
        SubjectAltNames names = SubjectAltNames.forHosts(
                List.of("LOCALHOST", "localhost.", "[::1]", "0:0:0:0:0:0:0:1", " 127.0.0.1 "));

        assertThat(names.dnsNames()).containsExactly("localhost");
        assertThat(names.ipAddresses()).containsExactly(
                InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "bad host", "10.0.0.256", "1.2.3", "-node.example.com",
        "node_1.example.com", "*.com", "a..b", "fe80::1%eth0", "host:11211"})
    void refusesWhatIsNeitherNameNorAddress(String host) {
        assertThatThrownBy(() -> SubjectAltNames.forHosts(List.of(host)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid host name or IP address: '" + host + "'");
    }

    @Test
    void refusesOverlongLabels() {
        assertThatThrownBy(() -> SubjectAltNames.forHosts(List.of("a".repeat(64) + ".example.com")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SubjectAltNames.forHosts(List.of("a".repeat(63) + ".example.com")).dnsNames())
                .hasSize(2);
    }
}
