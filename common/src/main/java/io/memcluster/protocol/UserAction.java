package io.memcluster.protocol;

/**
 * The forms of the {@code memcluster users} extension. The password travels as a data block,
 * as in memcached's login convention, so that it may hold spaces and never sits on a line.
 */
public enum UserAction {
    /** {@code memcluster users list}: one {@code USER <name> <perms>} line per user, then END. */
    LIST("list"),
    /** {@code memcluster users add <name> <perm,perm|-> <bytes>} and the password block. */
    ADD("add"),
    /** {@code memcluster users remove <name>}. */
    REMOVE("remove"),
    /** {@code memcluster users passwd <name> <bytes>} and the password block. */
    PASSWD("passwd");

    /** What each form looks like, for the reply to a malformed one. */
    public static final String USAGE = "memcluster users list | add <user> <perm,...|-> <bytes>"
            + " | remove <user> | passwd <user> <bytes>";

    private final String word;

    UserAction(String word) {
        this.word = word;
    }

    /** The word on the request line. */
    public String word() {
        return word;
    }
}
