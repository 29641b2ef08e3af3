package io.memcluster.login;

import java.util.concurrent.atomic.LongAdder;

/**
 * memcached's {@code auth_cmds} and {@code auth_errors}: login attempts, and those refused.
 */
public record LoginCounters(LongAdder attempts, LongAdder failures) {

    public static LoginCounters detached() {
        return new LoginCounters(new LongAdder(), new LongAdder());
    }
}
