package io.memcluster.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Parses the {@code memcluster users ...} extension (see {@link UserAction}). A malformed line
 * gets one {@code CLIENT_ERROR} naming the valid forms; when a malformed {@code add} or
 * {@code passwd} line ends in what reads as a data length, that many bytes are swallowed, so
 * that a password sent after a mistyped line is never read as a command.
 */
final class UserAdminLine {

    /** Longer than any password a person types or a generator makes; bounds what is buffered. */
    static final int MAX_PASSWORD_BYTES = 1024;

    static final String USAGE_ERROR = "CLIENT_ERROR usage: " + UserAction.USAGE;
    private static final Command.Invalid USAGE = new Command.Invalid(USAGE_ERROR, false);
    static final String PASSWORD_LENGTH_ERROR =
            "CLIENT_ERROR a password must be 1 to " + MAX_PASSWORD_BYTES + " bytes";

    private UserAdminLine() {
    }

    static Command parse(Tokens t, RequestLineParser parser) {
        int n = t.count;
        UserAction action = n >= 3 && t.is(1, Words.USERS) ? action(t) : null;
        if (action == null) {
            return USAGE;
        }
        switch (action) {
            case LIST:
                return n == 3 ? new Command.UserAdmin(action, null, null, null) : USAGE;
            case REMOVE:
                return n == 4 ? new Command.UserAdmin(action, text(t, 3), null, null) : USAGE;
            case ADD:
                return n == 6 ? withPassword(t, parser, new Command.UserAdmin(action, text(t, 3), text(t, 4), null))
                        : usageSwallowingData(t, parser);
            case PASSWD:
            default:
                return n == 5 ? withPassword(t, parser, new Command.UserAdmin(action, text(t, 3), null, null))
                        : usageSwallowingData(t, parser);
        }
    }

    private static UserAction action(Tokens t) {
        for (UserAction action : UserAction.values()) {
            if (t.is(2, Words.ascii(action.word()))) {
                return action;
            }
        }
        return null;
    }

    private static Command withPassword(Tokens t, RequestLineParser parser, Command.UserAdmin line) {
        long length = t.int32(t.count - 1);
        if (length == Long.MIN_VALUE || length < 0) {
            return Command.Invalid.BAD_FORMAT;
        }
        if (length == 0 || length > MAX_PASSWORD_BYTES) {
            parser.swallow = length + 2;
            return new Command.Invalid(PASSWORD_LENGTH_ERROR, false);
        }
        parser.pending = new PendingData.Password(line, (int) length);
        return null;
    }

    private static Command usageSwallowingData(Tokens t, RequestLineParser parser) {
        long length = t.count >= 4 ? t.int32(t.count - 1) : Long.MIN_VALUE;
        if (length >= 0 && length != Long.MIN_VALUE) {
            parser.swallow = length + 2;
        }
        return USAGE;
    }

    // Usernames may be any UTF-8 without spaces (users.json is JSON); as sent, decoded once here.
    private static String text(Tokens t, int token) {
        return new String(t.line, t.start[token], t.length(token), StandardCharsets.UTF_8);
    }
}
