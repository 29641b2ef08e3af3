package io.memcluster.frontend.request;

import io.memcluster.auth.Access;
import io.memcluster.auth.CommandRules;
import io.memcluster.auth.Grant;
import io.memcluster.auth.NamespaceAccess;
import io.memcluster.frontend.stats.FrontendStats;
import io.memcluster.protocol.Command;

/**
 * Judges every command before an executor sees it (the rules are {@link CommandRules}, one
 * table for node and coordinator): what an unrestricted connection sends passes untouched; a
 * retrieval loses the keys the client may not read, as if they were missing, so that it learns
 * nothing of a namespace it may not read; anything else is admitted whole or refused.
 */
final class PermissionGate {

    private final NamespaceAccess access;
    private final FrontendStats stats;

    PermissionGate(NamespaceAccess access, FrontendStats stats) {
        this.access = access;
        this.stats = stats;
    }

    /** The command to execute (a retrieval perhaps with fewer keys), or null when it is refused. */
    Command admit(Command command) {
        if (access.unrestricted()) {
            return command;
        }
        switch (CommandRules.rule(command)) {
            case ADMIN:
                return access.isAdmin() ? command : null;
            case KEYS:
                if (command instanceof Command.Retrieval retrieval) {
                    return readable(retrieval);
                }
                byte[] key = command instanceof Command.Stats stats ? CommandRules.statsKey(stats)
                        : ((Command.Keyed) command).key();
                return keyPermitted(key, command) ? command : null;
            case NAMESPACE_WRITE:
                return access.mayWrite(CommandRules.namespace(command)) ? command : null;
            case SOME_NAMESPACE:
                return access.mayReadSomeNamespace() ? command : null;
            case EVERY_NAMESPACE:
                return access.mayRead(Grant.EVERY_NAMESPACE) ? command : null;
            default:
                // a user removed while connected may do nothing at all
                return access.authenticated() ? command : null;
        }
    }

    /** Counts a refusal: {@code auth_denied}. */
    void denied(Command command) {
        stats.authDenied.increment();
        if (command instanceof Command.UserAdmin change) {
            change.wipePassword();
        }
    }

    private Command readable(Command.Retrieval retrieval) {
        byte[][] keys = retrieval.keys();
        int allowed = 0;
        for (byte[] key : keys) {
            if (keyPermitted(key, retrieval)) {
                allowed++;
            }
        }
        if (allowed == keys.length) {
            return retrieval;
        }
        if (allowed == 0) {
            return null;
        }
        // some readable key is enough; the others are left out and the refusal still counted
        stats.authDenied.increment();
        byte[][] kept = new byte[allowed][];
        int at = 0;
        for (byte[] key : keys) {
            if (keyPermitted(key, retrieval)) {
                kept[at++] = key;
            }
        }
        return new Command.Retrieval(retrieval.withCas(), retrieval.touch(), retrieval.exptime(), kept);
    }

    private boolean keyPermitted(byte[] key, Command command) {
        Access needed = CommandRules.access(command);
        // gat reads and writes: write includes read, but asking for both says what is meant
        return access.may(key, needed) && (needed == Access.READ || access.may(key, Access.READ));
    }
}
