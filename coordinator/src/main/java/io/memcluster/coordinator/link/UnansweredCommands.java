package io.memcluster.coordinator.link;

import io.memcluster.protocol.Command;

/**
 * The commands a link refuses because no reply would come for them: the FIFO matches each reply
 * to the oldest request waiting, so one silent request would shift every later reply onto the
 * wrong request.
 */
final class UnansweredCommands {

    private UnansweredCommands() {
    }

    /** Why {@code command} cannot go over a link, or null when it gets a reply. */
    static String whyRefused(Command command) {
        if (command instanceof Command.Storage s && s.noreply()
                || command instanceof Command.Delete d && d.noreply()
                || command instanceof Command.Arithmetic a && a.noreply()
                || command instanceof Command.Touch t && t.noreply()
                || command instanceof Command.FlushAll f && f.noreply()
                || command instanceof Command.Verbosity v && v.noreply()
                || command instanceof Command.CacheMemlimit m && m.noreply()
                || command instanceof Command.FlushNamespace f && f.noreply()) {
            return "noreply commands get no reply, which would put the link's replies out of step";
        }
        if (command instanceof Command.MetaGet g && g.flags().quiet()
                || command instanceof Command.MetaSet s && s.flags().quiet()
                || command instanceof Command.MetaDelete d && d.flags().quiet()
                || command instanceof Command.MetaArithmetic a && a.flags().quiet()) {
            return "meta commands with the q flag may get no reply, which would put the link's replies out of step";
        }
        if (command instanceof Command.Quit || command instanceof Command.Shutdown) {
            return command.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + " closes the connection instead of replying";
        }
        if (command instanceof Command.Invalid || command instanceof Command.TooLarge
                || command instanceof Command.Close) {
            return command.getClass().getSimpleName() + " is a decoder verdict, not a request";
        }
        if (command instanceof Command.Retrieval r && r.keys().length == 0) {
            return "a retrieval needs at least one key";
        }
        return null;
    }
}
