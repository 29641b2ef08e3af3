package io.memcluster.client.session;

import java.util.Map;

/** Where outcomes go: {@link TextPrinter} for people, {@link JsonPrinter} for scripts. */
public interface Printer {

    void print(Outcome outcome);

    /**
     * Starts a listing that may be long (SHOW KEYS, SHOW DATA): rows are printed as they come,
     * not gathered first.
     *
     * @param field the JSON array the rows go into ({@code "keys"})
     * @param head  JSON fields before the rows
     */
    Listing listing(String command, String field, Map<String, Object> head);

    /** Something the user should know that is not an outcome ("reconnected to ..."). */
    void notice(String text);

    /** The rows of a listing, then its end. */
    interface Listing {
        /**
         * @param text the row as a person reads it
         * @param json the row as a script reads it: a String or a Map of fields
         */
        void row(String text, Object json);

        /**
         * Ends the listing.
         *
         * @param exit    its exit code; non-zero when it broke off
         * @param summary a closing line ("3 keys"), or the reason it broke off
         * @param tail    JSON fields after the rows
         */
        void end(int exit, String summary, Map<String, Object> tail);
    }
}
