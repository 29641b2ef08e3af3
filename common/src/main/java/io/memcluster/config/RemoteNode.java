package io.memcluster.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code cluster.nodes}: a node running elsewhere, which the coordinator connects to
 * but neither starts nor stops.
 *
 * @param name   what the ring, the logs and the web UI call it; part of where its keys fall, so
 *               renaming a node moves its keys
 * @param host   host name or address the coordinator connects to
 * @param port   its mTLS port ({@code node.port} on that machine)
 * @param weight its share of the ring relative to the others: 2 holds about twice the keys of 1
 */
public record RemoteNode(String name, String host, int port, int weight) {

    public static final int DEFAULT_WEIGHT = 1;
    /** More would only make the ring large: a node a thousand times another's share is another cluster. */
    public static final int MAX_WEIGHT = 1000;

    /** Safe in a file name, a log line and a URL without quoting. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Where problems of a node built in code are reported: it has no place in a file. */
    private static final String IN_CODE = "cluster.nodes[*]";

    public RemoteNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        ConfigException.throwIfAny(check(IN_CODE, name, host, (long) port, (long) weight));
    }

    public RemoteNode(String name, String host, int port) {
        this(name, host, port, DEFAULT_WEIGHT);
    }

    /**
     * Every rule this entry breaks, named by {@code at}, its YAML path ({@code cluster.nodes[1]}). A
     * null value was left out or could not be read, which the loader has reported already.
     */
    static List<ConfigProblem> check(String at, String name, String host, Long port, Long weight) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(new ConfigProblem(at + ".name", null, ConfigProblem.quote(name)
                    + " is not a node name (expected 1-64 letters, digits, '.', '_' or '-', e.g. cache-1)"));
        }
        if (host != null) {
            Rules.host(problems, at + ".host", host);
        }
        if (port != null) {
            Rules.port(problems, at + ".port", port);
        }
        if (weight != null && (weight < 1 || weight > MAX_WEIGHT)) {
            problems.add(new ConfigProblem(at + ".weight", null, weight
                    + " is out of range (expected 1-" + MAX_WEIGHT + ")"));
        }
        return problems;
    }
}
