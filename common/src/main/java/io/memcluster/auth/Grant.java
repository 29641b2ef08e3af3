package io.memcluster.auth;

/**
 * {@code <namespace>:read} or {@code <namespace>:write}; the namespace {@code *} means every
 * namespace, {@code default} included. Write includes read (see {@link Access}).
 */
public record Grant(String namespace, Access access) implements Permission {

    public static final String EVERY_NAMESPACE = "*";

    public Grant {
        if (!namespace.equals(EVERY_NAMESPACE) && !Namespaces.isValidName(namespace)) {
            throw new IllegalArgumentException("invalid namespace '" + namespace
                    + "' (expected 1-64 ASCII letters or digits, or *)");
        }
        if (access == null) {
            throw new IllegalArgumentException("access must not be null");
        }
    }

    /** @throws IllegalArgumentException naming the text and the valid forms */
    static Grant parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw unknown(text);
        }
        String namespace = text.substring(0, colon);
        Access access = switch (text.substring(colon + 1)) {
            case "read" -> Access.READ;
            case "write" -> Access.WRITE;
            default -> throw unknown(text);
        };
        if (!namespace.equals(EVERY_NAMESPACE) && !Namespaces.isValidName(namespace)) {
            throw new IllegalArgumentException("invalid namespace '" + namespace + "' in permission '"
                    + text + "' (a namespace is 1-64 ASCII letters or digits, or * for all)");
        }
        return new Grant(namespace, access);
    }

    private static IllegalArgumentException unknown(String text) {
        return new IllegalArgumentException(
                "unknown permission '" + text + "' (expected " + Permission.VALID_FORMS + ")");
    }

    @Override
    public boolean allows(String namespace, Access wanted) {
        return (this.namespace.equals(EVERY_NAMESPACE) || this.namespace.equals(namespace))
                && access.includes(wanted);
    }

    @Override
    public String text() {
        return namespace + ":" + access.word();
    }

    @Override
    public String toString() {
        return text();
    }
}
