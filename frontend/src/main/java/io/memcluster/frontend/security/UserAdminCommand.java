package io.memcluster.frontend.security;

import io.memcluster.auth.User;
import io.memcluster.auth.UserAdministration;
import io.memcluster.frontend.request.ClientConnection;
import io.memcluster.frontend.request.ReplySlot;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.ReplyEncoder;
import io.memcluster.protocol.UserAction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code memcluster users ...} (an extension, ADMIN only; see {@link io.memcluster.protocol.UserAction}):
 * the reply bytes for each form. {@code list} answers at once with one
 * {@code USER <name> <perm,perm,...|->} line per user and {@code END}; a change answers later,
 * off the event loop, with {@code OK}, {@code EXISTS} (add: taken), {@code NOT_FOUND} (remove,
 * passwd: no such user), {@code CLIENT_ERROR <why>} or {@code SERVER_ERROR <why>}. Node and
 * coordinator answer it alike, each for its own users.json.
 */
public final class UserAdminCommand {

    private static final Logger log = LoggerFactory.getLogger(UserAdminCommand.class);

    static final String AUTH_OFF = "SERVER_ERROR auth is off on this server: there are no users to manage";

    private UserAdminCommand() {
    }

    /**
     * Answers {@code c} into {@code slot}: a listing at once; a change (which hashes and writes
     * users.json off the event loop) later, its slot holding the commands after it so that they
     * see the change.
     *
     * @param users null when auth is off
     */
    public static void execute(UserAdministration users, Command.UserAdmin c, ReplySlot slot,
            ClientConnection connection) {
        if (users == null) {
            slot.out().writeBytes(refuseWithoutAuth(c));
            slot.complete();
        } else if (c.action() == UserAction.LIST) {
            slot.out().writeBytes(list(users));
            slot.complete();
        } else {
            slot.holdFollowing();
            change(users, c, connection.access().username()).whenComplete((reply, error) ->
                    connection.channel().eventLoop().execute(() -> changed(slot, reply, error)));
        }
    }

    /** On the event loop: the change's reply, which releases the commands held behind it. */
    private static void changed(ReplySlot slot, byte[] reply, Throwable error) {
        if (error != null) {
            log.warn("user change failed with {}", error.getClass().getName());
            ReplyEncoder.line(slot.out(), "SERVER_ERROR user change failed");
        } else {
            slot.out().writeBytes(reply);
        }
        slot.complete();
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
