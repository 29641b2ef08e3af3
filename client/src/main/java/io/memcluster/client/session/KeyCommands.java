package io.memcluster.client.session;

import io.memcluster.auth.Namespaces;
import io.memcluster.protocol.Command;
import io.memcluster.protocol.MetaFlags;
import io.memcluster.protocol.MetaStatus;
import io.memcluster.protocol.Reply;
import io.memcluster.protocol.ReplyStatus;
import io.memcluster.protocol.StorageVerb;
import io.memcluster.client.statement.Statement;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The statements about one key: PUT, UPDATE, SET, GET, HAS, DELETE, INCR, DECR, TOUCH. */
final class KeyCommands {

    private static final MetaFlags NO_FLAGS = MetaFlags.of();

    private final Session session;

    KeyCommands(Session session) {
        this.session = session;
    }

    Outcome write(Statement.Write write) {
        byte[] key = session.fullKey(write.key());
        StorageVerb verb = switch (write.mode()) {
            case ADD -> StorageVerb.ADD;
            case REPLACE -> StorageVerb.REPLACE;
            case SET -> StorageVerb.SET;
        };
        Reply reply = session.connection().request(new Command.Storage(verb, key, 0, write.ttl(), write.value(), 0,
                false));
        Map<String, Object> fields = keyFields(write.key());
        if (is(reply, ReplyStatus.STORED)) {
            fields.put("stored", true);
            return Outcome.ok(write.name(), write.mode() == Statement.WriteMode.REPLACE ? "updated" : "stored", fields);
        }
        if (is(reply, ReplyStatus.NOT_STORED)) {
            fields.put("stored", false);
            return Outcome.failed(write.name(), ExitCodes.NOT_DONE, write.mode() == Statement.WriteMode.ADD
                    ? "not stored: the key exists already (UPDATE or SET replace it)"
                    : "not stored: the key does not exist (PUT or SET create it)", fields);
        }
        throw ServerRefusal.of(reply, "write", namespaceOf(key));
    }

    Outcome get(Statement.Get get) {
        byte[] key = session.fullKey(get.key());
        List<Reply.Value> values = new ArrayList<>();
        Reply end = session.connection().listing(new Command.Retrieval(false, false, 0, new byte[][] {key}),
                element -> {
                    if (element instanceof Reply.Value value) {
                        values.add(value);
                    }
                });
        if (!(end instanceof Reply.End)) {
            throw ServerRefusal.of(end, "read", namespaceOf(key));
        }
        Map<String, Object> fields = keyFields(get.key());
        fields.put("found", !values.isEmpty());
        if (values.isEmpty()) {
            return Outcome.failed(get.name(), ExitCodes.NOT_DONE, "not found", fields);
        }
        Reply.Value value = values.get(0);
        putValue(fields, value.data());
        fields.put("flags", Integer.toUnsignedLong(value.flags()));
        return Outcome.ok(get.name(), ValueText.render(value.data()), fields);
    }

    Outcome has(Statement.Has has) {
        byte[] key = session.fullKey(has.key());
        // mg without flags: HD or EN, and no value sent for nothing
        Reply reply = session.connection().request(new Command.MetaGet(key, NO_FLAGS));
        Map<String, Object> fields = keyFields(has.key());
        if (reply instanceof Reply.Meta meta && (meta.status() == MetaStatus.HD || meta.status() == MetaStatus.EN)) {
            boolean found = meta.status() == MetaStatus.HD;
            fields.put("found", found);
            return Outcome.answer(has.name(), found ? ExitCodes.OK : ExitCodes.NOT_DONE, found ? "yes" : "no", fields);
        }
        throw ServerRefusal.of(reply, "read", namespaceOf(key));
    }

    Outcome delete(Statement.Delete delete) {
        byte[] key = session.fullKey(delete.key());
        Reply reply = session.connection().request(new Command.Delete(key, false));
        Map<String, Object> fields = keyFields(delete.key());
        if (is(reply, ReplyStatus.DELETED)) {
            fields.put("deleted", true);
            return Outcome.ok(delete.name(), "deleted", fields);
        }
        if (is(reply, ReplyStatus.NOT_FOUND)) {
            fields.put("deleted", false);
            return Outcome.failed(delete.name(), ExitCodes.NOT_DONE, "not found", fields);
        }
        throw ServerRefusal.of(reply, "write", namespaceOf(key));
    }

    Outcome arithmetic(Statement.Arithmetic arithmetic) {
        byte[] key = session.fullKey(arithmetic.key());
        Reply reply = session.connection().request(new Command.Arithmetic(arithmetic.increment(), key,
                arithmetic.delta(), false));
        Map<String, Object> fields = keyFields(arithmetic.key());
        if (reply instanceof Reply.Number number) {
            String text = Long.toUnsignedString(number.value());
            fields.put("value", new BigInteger(text));
            return Outcome.ok(arithmetic.name(), text, fields);
        }
        if (is(reply, ReplyStatus.NOT_FOUND)) {
            return Outcome.failed(arithmetic.name(), ExitCodes.NOT_DONE, "not found", fields);
        }
        throw ServerRefusal.of(reply, "write", namespaceOf(key));
    }

    Outcome touch(Statement.Touch touch) {
        byte[] key = session.fullKey(touch.key());
        Reply reply = session.connection().request(new Command.Touch(key, touch.ttl(), false));
        Map<String, Object> fields = keyFields(touch.key());
        fields.put("ttl", touch.ttl());
        if (is(reply, ReplyStatus.TOUCHED)) {
            return Outcome.ok(touch.name(), "touched", fields);
        }
        if (is(reply, ReplyStatus.NOT_FOUND)) {
            return Outcome.failed(touch.name(), ExitCodes.NOT_DONE, "not found", fields);
        }
        throw ServerRefusal.of(reply, "write", namespaceOf(key));
    }

    private Map<String, Object> keyFields(byte[] key) {
        return Outcome.fields("namespace", session.namespace(), "key", ValueText.key(key));
    }

    /** "value" when the bytes are UTF-8 text, else "value_base64"; and the size either way. */
    static void putValue(Map<String, Object> fields, byte[] data) {
        String text = ValueText.utf8(data);
        if (text != null) {
            fields.put("value", text);
        } else {
            fields.put("value_base64", Base64.getEncoder().encodeToString(data));
        }
        fields.put("size", data.length);
    }

    static String namespaceOf(byte[] fullKey) {
        int prefix = Namespaces.prefixLength(fullKey, 0, fullKey.length);
        return prefix == 0 ? Namespaces.DEFAULT : new String(fullKey, 0, prefix, StandardCharsets.US_ASCII);
    }

    private static boolean is(Reply reply, ReplyStatus status) {
        return reply instanceof Reply.Status s && s.status() == status;
    }
}
