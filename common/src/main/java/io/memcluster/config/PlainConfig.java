package io.memcluster.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code plain} section: an optional second listener without TLS, for telnet and for tools
 * that cannot speak TLS. Off by default; on loopback unless {@code allowRemote}, because
 * everything on it, a login's password included, crosses the network readable.
 *
 * @param port        its TCP port; 0 means no plaintext listener
 * @param allowRemote bind it to {@code node.bind} instead of 127.0.0.1
 */
public record PlainConfig(int port, boolean allowRemote) {

    public static final PlainConfig OFF = new PlainConfig(0, false);

    public PlainConfig {
        ConfigException.throwIfAny(check(port, -1));
    }

    public boolean enabled() {
        return port != 0;
    }

    /** The address to bind: loopback unless remote access was asked for explicitly. */
    public String bindAddress(String nodeBind) {
        return allowRemote ? nodeBind : "127.0.0.1";
    }

    /** @param mainPort node.port, which the plain port must not repeat; -1 to skip that check */
    static List<ConfigProblem> check(long port, long mainPort) {
        List<ConfigProblem> problems = new ArrayList<>();
        Rules.plainPort(problems, "plain.port", port, "node.port", mainPort);
        return problems;
    }
}
