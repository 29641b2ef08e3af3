package io.memcluster.protocol;

import io.memcluster.auth.Namespaces;

/**
 * Parses memcluster's own commands, the lines that start with {@code memcluster}: user
 * administration ({@link UserAdminLine}), {@code snapshot [namespace]},
 * {@code flush_namespace <namespace> [noreply]}, and the version digests a coordinator compares
 * replicas by, {@code digest [namespace]} and {@code digest_keys <namespace> <segments>}. A word after {@code memcluster} that names none
 * of them gets one {@code CLIENT_ERROR} listing the forms.
 */
final class ExtensionLine {

    static final String SNAPSHOT_USAGE = "memcluster snapshot [namespace]";
    static final String FLUSH_USAGE = "memcluster flush_namespace <namespace> [noreply]";
    static final String DIGEST_USAGE = "memcluster digest [namespace]";
    static final String DIGEST_KEYS_USAGE = "memcluster digest_keys <namespace> <all|0,5,10-20>";
    static final String USAGE_ERROR = "CLIENT_ERROR usage: " + UserAction.USAGE + " | " + SNAPSHOT_USAGE + " | "
            + FLUSH_USAGE + " | " + DIGEST_USAGE + " | " + DIGEST_KEYS_USAGE;

    private static final byte[] SNAPSHOT = Words.ascii("snapshot");
    private static final byte[] FLUSH_NAMESPACE = Words.ascii("flush_namespace");
    private static final byte[] DIGEST = Words.ascii("digest");
    private static final byte[] DIGEST_KEYS = Words.ascii("digest_keys");

    private ExtensionLine() {
    }

    static Command parse(Tokens t, RequestLineParser parser) {
        int n = t.count;
        if (n >= 2 && t.is(1, Words.USERS)) {
            return UserAdminLine.parse(t, parser);
        }
        if (n >= 2 && t.is(1, SNAPSHOT)) {
            if (n == 2) {
                return new Command.Snapshot(null);
            }
            String namespace = n == 3 ? t.string(2) : null;
            return namespace != null && Namespaces.isValidName(namespace) ? new Command.Snapshot(namespace)
                    : invalid("CLIENT_ERROR usage: " + SNAPSHOT_USAGE + namespaceRule(namespace), false);
        }
        if (n >= 2 && t.is(1, FLUSH_NAMESPACE)) {
            boolean noreply = n == 4 && t.is(3, Words.NOREPLY);
            String namespace = n == 3 || noreply ? t.string(2) : null;
            return namespace != null && Namespaces.isValidName(namespace)
                    ? new Command.FlushNamespace(namespace, noreply)
                    : invalid("CLIENT_ERROR usage: " + FLUSH_USAGE + namespaceRule(namespace), noreply);
        }
        if (n >= 2 && t.is(1, DIGEST)) {
            if (n == 2) {
                return new Command.Digest(null);
            }
            String namespace = n == 3 ? t.string(2) : null;
            return namespace != null && Namespaces.isValidName(namespace) ? new Command.Digest(namespace)
                    : invalid("CLIENT_ERROR usage: " + DIGEST_USAGE + namespaceRule(namespace), false);
        }
        if (n >= 2 && t.is(1, DIGEST_KEYS)) {
            String namespace = n == 4 ? t.string(2) : null;
            if (namespace == null || !Namespaces.isValidName(namespace)) {
                return invalid("CLIENT_ERROR usage: " + DIGEST_KEYS_USAGE + namespaceRule(namespace), false);
            }
            String segments = t.string(3);
            if (segments.equals(DigestSegments.ALL)) {
                return new Command.DigestKeys(namespace, null);
            }
            java.util.BitSet parsed = DigestSegments.parse(segments);
            return parsed != null ? new Command.DigestKeys(namespace, parsed)
                    : invalid("CLIENT_ERROR usage: " + DIGEST_KEYS_USAGE + " (segments 0-"
                            + (DigestSegments.COUNT - 1) + ")", false);
        }
        return invalid(USAGE_ERROR, false);
    }

    /** What a valid name is, when the one given was not. */
    private static String namespaceRule(String namespace) {
        return namespace == null ? "" : " (a namespace is 1-" + Namespaces.MAX_LENGTH + " ASCII letters or digits)";
    }

    private static Command invalid(String reply, boolean noreply) {
        return new Command.Invalid(reply, noreply);
    }
}
