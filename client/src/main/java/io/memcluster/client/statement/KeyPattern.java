package io.memcluster.client.statement;

import java.util.regex.Pattern;

/**
 * A shell-style pattern for SHOW KEYS and SHOW DATA: {@code *} any run of characters,
 * {@code ?} one character, everything else literal; it must match the whole key.
 */
public final class KeyPattern {

    private final Pattern regex;

    private KeyPattern(Pattern regex) {
        this.regex = regex;
    }

    /** null (no pattern) matches every key. */
    public static KeyPattern of(String glob) {
        if (glob == null) {
            return new KeyPattern(null);
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    re.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            re.append(Pattern.quote(literal.toString()));
        }
        return new KeyPattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    public boolean matches(String key) {
        return regex == null || regex.matcher(key).matches();
    }
}
