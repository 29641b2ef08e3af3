package io.memcluster.client.session;

/**
 * Where the password of USER ADD and USER PASSWD comes from: asked twice without echo on a
 * terminal, taken from the environment in scripts, or generated and shown once. Never from the
 * statement's line, which the screen (and a careless history) would keep.
 */
@FunctionalInterface
public interface NewPasswords {

    /**
     * @return the new password for {@code username}
     * @throws io.memcluster.client.statement.UsageException when none can be had (two typed
     *         passwords differ, the prompt was cancelled)
     */
    NewPassword forUser(String username);

    /** @param generated whether the user has not seen it yet, so that it must be shown once */
    record NewPassword(char[] value, boolean generated) {
    }
}
