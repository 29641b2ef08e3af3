package io.memcluster.certs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * The names a server certificate is valid for. TLS clients match a host name against the DNS
 * entries and an IP address against the IP entries only, so an address must be stored as an
 * IP entry, never as a DNS name that happens to look like one.
 *
 * @param dnsNames    lower-case DNS names, possibly with a leading {@code *.} wildcard
 * @param ipAddresses IPv4 and IPv6 addresses
 */
public record SubjectAltNames(List<String> dnsNames, List<InetAddress> ipAddresses) {

    /**
     * Always covered: a node is first reached through loopback by its own tools and by a
     * coordinator on the same machine, under any of these names.
     */
    public static final List<String> DEFAULT_HOSTS = List.of("localhost", "127.0.0.1", "::1");

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

    public SubjectAltNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
    }

    /**
     * The given hosts (DNS names or IP literals, IPv6 optionally in brackets) followed by
     * {@link #DEFAULT_HOSTS}, without duplicates. Never looks anything up in DNS.
     *
     * @throws IllegalArgumentException naming the first entry that is neither a valid DNS name
     *                                  nor an IP address
     */
    public static SubjectAltNames forHosts(Collection<String> hosts) {
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(hosts);
        all.addAll(DEFAULT_HOSTS);
        for (String host : all) {
            String entry = host == null ? "" : host.strip();
            if (entry.startsWith("[") && entry.endsWith("]")) {
                entry = entry.substring(1, entry.length() - 1);
            }
            if (IPAddress.isValid(entry)) {
                ips.add(ipLiteral(entry));
            } else {
                dns.add(dnsName(entry, host));
            }
        }
        return new SubjectAltNames(new ArrayList<>(dns), new ArrayList<>(ips));
    }

    /** The name to put in the subject's CN: the first DNS name, or the first address. */
    String commonName() {
        return dnsNames.isEmpty() ? ipAddresses.get(0).getHostAddress() : dnsNames.get(0);
    }

    private static InetAddress ipLiteral(String literal) {
        try {
            // Safe: the string was checked to be a literal, so this parses and never resolves.
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a valid IP address: '" + literal + "'", e);
        }
    }

    private static String dnsName(String entry, String original) {
        String name = entry.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String[] labels = name.split("\\.", -1);
        boolean valid = !name.isEmpty() && name.length() <= 253
                // "10.0.0.256" must not slip through as a DNS name: no top-level name is numeric.
                && !ALL_DIGITS.matcher(labels[labels.length - 1]).matches();
        for (int i = 0; valid && i < labels.length; i++) {
            boolean wildcard = i == 0 && labels.length > 2 && labels[i].equals("*");
            valid = wildcard || LABEL.matcher(labels[i]).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException(
                    "not a valid host name or IP address: '" + original + "'");
        }
        return name;
    }
}
