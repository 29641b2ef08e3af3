package io.memcluster.auth;

/**
 * One entry of a user's {@code perms} list: {@link #ADMIN} (everything, including user and
 * cluster administration) or a {@link Grant} on a namespace.
 */
public sealed interface Permission permits Permission.Admin, Grant {

    Permission ADMIN = new Admin();

    /** What to tell an operator who wrote something else. */
    String VALID_FORMS = "ADMIN, <namespace>:read, <namespace>:write, *:read or *:write,"
            + " where a namespace is 1-64 ASCII letters or digits";

    /** Whether this permission allows {@code access} to {@code namespace}. */
    boolean allows(String namespace, Access access);

    /** The form written in users.json. */
    String text();

    /**
     * Parses the users.json form. Case matters: {@code ADMIN} in capitals, {@code read} and
     * {@code write} in lower case, namespaces as they appear in keys.
     *
     * @throws IllegalArgumentException naming the text and the valid forms
     */
    static Permission parse(String text) {
        if (text.equals("ADMIN")) {
            return ADMIN;
        }
        return Grant.parse(text);
    }

    /** Everything, everywhere. */
    record Admin() implements Permission {
        @Override
        public boolean allows(String namespace, Access access) {
            return true;
        }

        @Override
        public String text() {
            return "ADMIN";
        }

        @Override
        public String toString() {
            return text();
        }
    }
}
