package io.memcluster.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users.json format: {@code [{"username": "admin", "password": "...", "perms": ["ADMIN"]}]}.
 * Reading checks every entry and reports every problem at once; writing puts one user per line
 * so that diffs and greps stay readable.
 */
final class UsersJson {

    private static final String FIELDS = "username, password, perms";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectWriter ONE_LINE = MAPPER.writer(new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEntrySpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter())
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter()));

    /** One entry as read: the password is either a hash or, when {@code plaintext}, a password. */
    record Entry(User user, String password, boolean plaintext) {
        @Override
        public String toString() {
            return "Entry[" + user + "]";
        }
    }

    private UsersJson() {
    }

    /**
     * @param source the file the bytes come from, for messages
     * @throws UsersFileException listing every problem found
     */
    static List<Entry> parse(Path source, byte[] json) throws UsersFileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UsersFileException(source, List.of(describe(e)));
        } catch (IOException e) {
            throw new UsersFileException(source, List.of("cannot be parsed: " + e.getMessage()));
        }
        if (root == null || root.isMissingNode() || !root.isArray()) {
            throw new UsersFileException(source, List.of("must be a JSON array of users, like "
                    + "[{\"username\": \"admin\", \"password\": \"...\", \"perms\": [\"ADMIN\"]}]"));
        }
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            Entry entry = parseEntry(i, root.get(i), problems);
            if (entry == null) {
                continue;
            }
            Integer first = firstIndex.putIfAbsent(entry.user().username(), i);
            if (first != null) {
                problems.add(label(i, entry.user().username()) + "duplicate username (already used"
                        + " by entry [" + first + "]; each username may appear once)");
            } else {
                entries.add(entry);
            }
        }
        if (!problems.isEmpty()) {
            throw new UsersFileException(source, problems);
        }
        return entries;
    }

    private static Entry parseEntry(int index, JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            problems.add(label(index, null) + "must be an object with " + FIELDS);
            return null;
        }
        int before = problems.size();
        String username = text(node, "username");
        String label = label(index, username);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("username", "password", "perms").contains(name)) {
                problems.add(label + "unknown field '" + name + "' (expected " + FIELDS + ")");
            }
        }
        if (username == null) {
            problems.add(label + "username is missing or not a string (expected "
                    + Usernames.VALID_FORM + ")");
        } else if (username.isEmpty()) {
            problems.add(label + "username is empty (expected " + Usernames.VALID_FORM + ")");
        } else if (!Usernames.isValid(username)) {
            problems.add(label + "invalid username (expected " + Usernames.VALID_FORM + ")");
        }
        String password = text(node, "password");
        boolean plaintext = password != null && !PasswordHasher.looksHashed(password);
        if (password == null) {
            problems.add(label + "password is missing or not a string (expected a password"
                    + " or an $argon2id$ hash)");
        } else if (password.isEmpty()) {
            problems.add(label + "password is empty (expected a password or an $argon2id$ hash)");
        } else if (plaintext && password.startsWith(Authenticator.TOKEN_PREFIX)) {
            problems.add(label + "password starts with '" + Authenticator.TOKEN_PREFIX
                    + "', which marks a token at login, so it could never be used; choose another");
        } else if (!plaintext && PasswordHasher.problemWith(password) != null) {
            problems.add(label + "password: " + PasswordHasher.problemWith(password));
        }
        List<Permission> permissions = permissions(node.get("perms"), label, problems);
        if (problems.size() > before) {
            return null;
        }
        return new Entry(new User(username, permissions), password, plaintext);
    }

    private static List<Permission> permissions(JsonNode perms, String label, List<String> problems) {
        if (perms == null || !perms.isArray()) {
            problems.add(label + "perms is missing or not a list (expected a list of "
                    + Permission.VALID_FORMS + ")");
            return List.of();
        }
        List<Permission> permissions = new ArrayList<>();
        for (JsonNode perm : perms) {
            if (!perm.isTextual()) {
                problems.add(label + "perms: " + perm + " is not a string (expected "
                        + Permission.VALID_FORMS + ")");
                continue;
            }
            try {
                permissions.add(Permission.parse(perm.textValue()));
            } catch (IllegalArgumentException e) {
                problems.add(label + e.getMessage());
            }
        }
        return permissions;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Entries are counted from 0, as {@code jq '.[1]'} does. */
    private static String label(int index, String username) {
        return username == null
                ? "entry [" + index + "]: "
                : "entry [" + index + "] '" + printable(username) + "': ";
    }

    /** An invalid username may hold line breaks or control characters; keep messages one line. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 80 ? out + "..." : out.toString();
    }

    /**
     * Jackson's own messages quote the offending input, which may be a password; only the
     * position and, for a repeated field, its name are safe to repeat.
     */
    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Duplicate field ")) {
            return "a user entry repeats a field" + where + " (" + original + ")";
        }
        return "is not valid JSON" + where + " (check quotes, commas and brackets)";
    }

    static byte[] render(List<StoredUser> users) {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < users.size(); i++) {
            StoredUser user = users.get(i);
            ObjectNode node = MAPPER.createObjectNode();
            node.put("username", user.username());
            node.put("password", user.passwordHash());
            ArrayNode perms = node.putArray("perms");
            user.user().permissionTexts().forEach(perms::add);
            try {
                out.append("  ").append(ONE_LINE.writeValueAsString(node));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render a JSON tree", e);
            }
            out.append(i + 1 < users.size() ? ",\n" : "\n");
        }
        return out.append("]\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
