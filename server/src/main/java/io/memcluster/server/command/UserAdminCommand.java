package io.memcluster.server.command;

import io.memcluster.auth.User;
import io.memcluster.auth.UserAdministration;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ReplyEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@code memcluster users ...} (an extension, ADMIN only; see {@link io.memcluster.protocol.UserAction}):
 * the reply bytes for each form. {@code list} answers at once with one
 * {@code USER <name> <perm,perm,...|->} line per user and {@code END}; a change answers later,
 * off the event loop, with {@code OK}, {@code EXISTS} (add: taken), {@code NOT_FOUND} (remove,
 * passwd: no such user), {@code CLIENT_ERROR <why>} or {@code SERVER_ERROR <why>}.
 */
final class UserAdminCommand {

    static final String AUTH_OFF = "SERVER_ERROR auth is off on this node: there are no users to manage";

    private UserAdminCommand() {
    }

    /** The reply to {@code list}. */
    static byte[] list(UserAdministration users) {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        for (User user : users.list()) {
            String permissions = user.permissions().isEmpty() ? "-" : String.join(",", user.permissionTexts());
            reply.writeBytes(("USER " + user.username() + " " + permissions + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        reply.writeBytes(ReplyEncoder.END);
        return reply.toByteArray();
    }

    /**
     * Starts a change; the future completes on the administration thread with the reply bytes.
     *
     * @param by the ADMIN asking, for the log; null when auth is off
     */
    static CompletableFuture<byte[]> change(UserAdministration users, Command.UserAdmin c, String by) {
        CompletableFuture<UserAdministration.Change> change = switch (c.action()) {
            case ADD -> users.add(c.username(), c.permissions(), c.password(), by);
            case REMOVE -> users.remove(c.username(), by);
            case PASSWD -> users.passwd(c.username(), c.password(), by);
            case LIST -> throw new IllegalArgumentException("list is answered at once");
        };
        return change.thenApply(UserAdminCommand::reply);
    }

    /** A change the node cannot start: auth is off. The password is not kept. */
    static byte[] refuseWithoutAuth(Command.UserAdmin c) {
        c.wipePassword();
        return line(AUTH_OFF);
    }

    private static byte[] reply(UserAdministration.Change change) {
        return switch (change.status()) {
            case DONE -> line("OK");
            case EXISTS -> line("EXISTS");
            case NOT_FOUND -> line("NOT_FOUND");
            case REFUSED -> line("CLIENT_ERROR " + oneLine(change.message()));
            case FAILED -> line("SERVER_ERROR " + oneLine(change.message()));
        };
    }

    // A reason may quote a file's problems over several lines; a reply is one line.
    private static String oneLine(String message) {
        return message.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
