package io.memcluster.protocol;

/**
 * One line of {@code lru_crawler metadump}:
 * {@code key=<percent-encoded> exp=<unix|-1> la=<unix> cas=<n> fetch=<yes|no> cls=<n> size=<n> flags=<n>}.
 * Fields newer servers add are ignored; fields missing stay 0.
 */
final class KeyMetadataLine {

    private KeyMetadataLine() {
    }

    static Reply.KeyMetadata parse(String[] words, byte[] line) {
        byte[] key = null;
        long expires = 0;
        long lastAccess = 0;
        long cas = 0;
        boolean fetched = false;
        long size = 0;
        long flags = 0;
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw ReplyLineParser.malformed("a metadump field without '='", line);
            }
            String value = word.substring(eq + 1);
            switch (word.substring(0, eq)) {
                case "key" -> key = ReplyLineParser.percentDecode(value, line);
                case "exp" -> expires = signed(value, line);
                case "la" -> lastAccess = signed(value, line);
                case "cas" -> cas = ReplyLineParser.unsigned64(value, line);
                case "fetch" -> fetched = value.equals("yes");
                case "size" -> size = ReplyLineParser.unsigned(value, Long.MAX_VALUE, line);
                case "flags" -> flags = ReplyLineParser.unsigned(value, 0xFFFF_FFFFL, line);
                default -> {
                    // cls and whatever a newer server adds: not needed to list keys
                }
            }
        }
        if (key == null || key.length == 0) {
            throw ReplyLineParser.malformed("a metadump line without a key", line);
        }
        return new Reply.KeyMetadata(key, expires, lastAccess, cas, fetched, size, (int) flags);
    }

    private static long signed(String value, byte[] line) {
        if (value.startsWith("-")) {
            return -ReplyLineParser.unsigned(value.substring(1), Long.MAX_VALUE, line);
        }
        return ReplyLineParser.unsigned(value, Long.MAX_VALUE, line);
    }
}
