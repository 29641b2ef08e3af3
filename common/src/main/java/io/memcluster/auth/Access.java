package io.memcluster.auth;

/**
 * What a grant allows in a namespace. {@link #WRITE} includes {@link #READ}: memcached clients
 * read back what they wrote (get after set, gets before cas, incr returning the new value), so
 * a writer that could not read would break ordinary client code.
 */
public enum Access {
    READ,
    WRITE;

    /** Whether a grant of this access allows {@code wanted}. */
    public boolean includes(Access wanted) {
        return this == wanted || this == WRITE;
    }

    /** The word used in users.json ({@code read}, {@code write}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
