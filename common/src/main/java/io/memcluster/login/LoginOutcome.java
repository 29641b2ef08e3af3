package io.memcluster.login;

import io.memcluster.auth.AuthResult;
import java.time.Duration;

/** What became of a login attempt: checked, or refused before any check. */
sealed interface LoginOutcome {

    /** The credentials were checked; the result says whether they were right. */
    record Checked(AuthResult result) implements LoginOutcome {
    }

    /** Refused unchecked: the address or the username must wait this long after failed logins. */
    record Throttled(Duration retryAfter) implements LoginOutcome {
    }

    /** Refused unchecked: the password checks are full, for everyone or for this address. */
    record Busy() implements LoginOutcome {
    }
}
