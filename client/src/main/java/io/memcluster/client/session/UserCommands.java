package io.memcluster.client.session;

import io.memcluster.client.statement.Statement;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ErrorKind;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyStatus;
import io.memcluster.protocol.UserAction;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * USERS and USER ADD/REMOVE/PASSWD through the server's {@code memcluster users} extension: the
 * server checks that the session's user is an ADMIN, writes users.json and puts the change in
 * force at once.
 */
final class UserCommands {

    private final Session session;
    private final NewPasswords passwords;

    UserCommands(Session session, NewPasswords passwords) {
        this.session = session;
        this.passwords = passwords;
    }

    Outcome run(Statement.Users statement) {
        return switch (statement.action()) {
            case "add" -> add(statement);
            case "remove" -> remove(statement);
            case "passwd" -> passwd(statement);
            default -> list();
        };
    }

    private Outcome list() {
        List<Reply.UserEntry> users = new ArrayList<>();
        Reply end = session.connection().listing(new Command.UserAdmin(UserAction.LIST, null, null, null), element -> {
            if (element instanceof Reply.UserEntry user) {
                users.add(user);
            }
        });
        if (!(end instanceof Reply.End)) {
            throw refusal(end);
        }
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        for (Reply.UserEntry user : users) {
            rows.add(List.of(user.username(), user.permissions().isEmpty() ? "(none)" : String.join(" ", user.permissions())));
            json.add(Outcome.fields("username", user.username(), "permissions", user.permissions()));
        }
        List<String> lines = rows.isEmpty() ? List.of("(no users)") : Table.format(List.of("USER", "PERMISSIONS"), rows, -1);
        return Outcome.ok("users", lines, Outcome.fields("users", json));
    }

    private Outcome add(Statement.Users statement) {
        String username = statement.username();
        NewPasswords.NewPassword password = passwords.forUser(username);
        Reply reply = send(new Command.UserAdmin(UserAction.ADD, username, String.join(",", statement.permissions()),
                utf8(password.value())));
        if (reply instanceof Reply.Status s && s.status() == ReplyStatus.EXISTS) {
            return Outcome.failed("user add", ExitCodes.NOT_DONE, "user '" + username + "' already exists"
                    + " (USER PASSWD " + username + " sets its password)", Outcome.fields("username", username));
        }
        requireOk(reply);
        String permissions = String.join(" ", statement.permissions());
        List<String> lines = new ArrayList<>();
        lines.add("added user '" + username + "' with " + permissions);
        var fields = Outcome.fields("username", username, "permissions", statement.permissions());
        shownOnce(password, username, lines, fields);
        return Outcome.ok("user add", lines, fields);
    }

    private Outcome remove(Statement.Users statement) {
        String username = statement.username();
        Reply reply = send(new Command.UserAdmin(UserAction.REMOVE, username, null, null));
        if (reply instanceof Reply.Status s && s.status() == ReplyStatus.NOT_FOUND) {
            return noSuchUser("user remove", username);
        }
        requireOk(reply);
        return Outcome.ok("user remove", "removed user '" + username + "'", Outcome.fields("username", username));
    }

    private Outcome passwd(Statement.Users statement) {
        String username = statement.username();
        NewPasswords.NewPassword password = passwords.forUser(username);
        Reply reply = send(new Command.UserAdmin(UserAction.PASSWD, username, null, utf8(password.value())));
        if (reply instanceof Reply.Status s && s.status() == ReplyStatus.NOT_FOUND) {
            return noSuchUser("user passwd", username);
        }
        requireOk(reply);
        List<String> lines = new ArrayList<>();
        lines.add("changed the password of user '" + username + "'");
        var fields = Outcome.fields("username", username);
        shownOnce(password, username, lines, fields);
        return Outcome.ok("user passwd", lines, fields);
    }

    /** Sends a change and wipes its password from memory once it is written. */
    private Reply send(Command.UserAdmin command) {
        try {
            return session.connection().request(command);
        } finally {
            command.wipePassword();
        }
    }

    private static void shownOnce(NewPasswords.NewPassword password, String username, List<String> lines,
            Map<String, Object> fields) {
        if (password.generated()) {
            String value = new String(password.value());
            lines.add("generated password for '" + username + "' (shown only now): " + value);
            fields.put("generated_password", value);
        }
        Arrays.fill(password.value(), '\0');
    }

    private static Outcome noSuchUser(String command, String username) {
        return Outcome.failed(command, ExitCodes.NOT_DONE, "no user '" + username + "' (USERS lists them)",
                Outcome.fields("username", username));
    }

    private static void requireOk(Reply reply) {
        if (!(reply instanceof Reply.Status s && s.status() == ReplyStatus.OK)) {
            throw refusal(reply);
        }
    }

    /** The server's no, said for user administration. */
    private static RuntimeException refusal(Reply reply) {
        if (reply instanceof Reply.Error error) {
            if (error.kind() == ErrorKind.CLIENT_ERROR && error.message().startsWith("permission denied")) {
                return new ServerRefusal(ExitCodes.CONNECTION, "permission denied: only an ADMIN may manage users");
            }
            if (error.kind() == ErrorKind.ERROR) {
                return new ServerRefusal(ExitCodes.NOT_DONE, "the server does not manage users"
                        + " (no 'memcluster users' command): is it a memcluster node?");
            }
            if (error.kind() == ErrorKind.CLIENT_ERROR && !error.message().startsWith("unauthenticated")) {
                return new ServerRefusal(ExitCodes.NOT_DONE, "refused: " + error.message());
            }
        }
        return ServerRefusal.of(reply, "manage", "users");
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        // the encoder's buffer held the password too
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
