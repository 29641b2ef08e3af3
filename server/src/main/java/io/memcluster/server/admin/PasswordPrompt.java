package io.memcluster.server.admin;

import java.io.Console;

/** Asks the person at the terminal for a password without echoing it. */
@FunctionalInterface
interface PasswordPrompt {

    /** @return what was typed, or {@code null} at end of input */
    char[] read(String prompt);

    /** The terminal's prompt, or {@code null} when there is no terminal (a pipe, a script, CI). */
    static PasswordPrompt ofConsole() {
        Console console = System.console();
        return console == null ? null : prompt -> console.readPassword("%s", prompt);
    }
}
