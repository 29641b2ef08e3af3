package io.memcluster.protocol;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Command} as one canonical line, so decoded commands compare by content: records
 * hold byte arrays, which compare by identity. Bytes are shown as ISO-8859-1 text with CR and
 * LF made visible.
 */
final class CommandText {

    private CommandText() {
    }

    static String of(Object command) {
        if (!(command instanceof Record record)) {
            throw new IllegalArgumentException("not a command record: " + command);
        }
        List<String> parts = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            parts.add(component.getName() + "=" + render(value));
        }
        return record.getClass().getSimpleName() + "[" + String.join(", ", parts) + "]";
    }

    static List<String> of(List<?> commands) {
        return commands.stream().map(CommandText::of).toList();
    }

    private static String render(Object value) {
        if (value instanceof byte[] bytes) {
            return "'" + text(bytes) + "'";
        }
        if (value instanceof byte[][] arrays) {
            List<String> items = new ArrayList<>();
            for (byte[] bytes : arrays) {
                items.add(render(bytes));
            }
            return items.toString();
        }
        if (value instanceof String[] strings) {
            return List.of(strings).toString();
        }
        if (value instanceof MetaFlags flags) {
            return "{" + text(flags.order())
                    + (flags.opaque() == null ? "" : " opaque=" + text(flags.opaque()))
                    + number(" ttl=", flags.ttl())
                    + number(" vivify=", flags.vivifyTtl())
                    + number(" recache=", flags.recacheTtl())
                    + " clientFlags=" + Integer.toUnsignedString(flags.clientFlags())
                    + " compareCas=" + Long.toUnsignedString(flags.compareCas())
                    + " newCas=" + Long.toUnsignedString(flags.newCas())
                    + (flags.mode() == 0 ? "" : " mode=" + (char) flags.mode())
                    + " initial=" + Long.toUnsignedString(flags.initial())
                    + " delta=" + Long.toUnsignedString(flags.delta())
                    + (flags.quiet() ? " quiet" : "")
                    + (flags.base64Key() ? " base64" : "")
                    + "}";
        }
        return String.valueOf(value);
    }

    private static String number(String label, long value) {
        return value == MetaFlags.ABSENT ? "" : label + value;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    }
}
