package io.memcluster.client.session;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Outcomes for scripts: one JSON object per statement, each on one line, on standard output:
 * {@code {"command":"get","ok":true,"exit":0,...fields}}. A failure adds {@code "error"}, the
 * same sentence the text output shows. Listings stream their rows into an array, so that a
 * long one is never held whole; their {@code ok}/{@code exit} come after the rows.
 */
public final class JsonPrinter implements Printer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final PrintWriter err;

    public JsonPrinter(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void print(Outcome outcome) {
        try {
            JsonGenerator json = generator();
            json.writeStartObject();
            json.writeStringField("command", outcome.command());
            status(json, outcome.exit(), outcome.complaint() ? String.join(" ", outcome.lines()) : null);
            fields(json, outcome.fields());
            json.writeEndObject();
            json.close();
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Listing listing(String command, String field, Map<String, Object> head) {
        try {
            JsonGenerator json = generator();
            json.writeStartObject();
            json.writeStringField("command", command);
            fields(json, head);
            json.writeArrayFieldStart(field);
            return new Listing() {
                @Override
                public void row(String text, Object row) {
                    try {
                        JSON.writeValue(json, row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void end(int exit, String summary, Map<String, Object> tail) {
                    try {
                        json.writeEndArray();
                        fields(json, tail);
                        status(json, exit, exit == ExitCodes.OK ? null : summary);
                        json.writeEndObject();
                        json.close();
                        out.println();
                        out.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void notice(String text) {
        // Notices are for people; stdout stays one JSON object per line.
        err.println(text);
        err.flush();
    }

    private JsonGenerator generator() throws IOException {
        JsonGenerator json = JSON.getFactory().createGenerator(out);
        // The PrintWriter is ours to keep open, and each object must stay on one line.
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return json;
    }

    private static void status(JsonGenerator json, int exit, String error) throws IOException {
        json.writeBooleanField("ok", exit == ExitCodes.OK);
        json.writeNumberField("exit", exit);
        if (error != null) {
            json.writeStringField("error", error);
        }
    }

    private static void fields(JsonGenerator json, Map<String, Object> fields) throws IOException {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            json.writeFieldName(field.getKey());
            JSON.writeValue(json, field.getValue());
        }
    }
}
