package com.phoenixidp.admin;

import java.io.Console;

/** Reads a password without echo from the user's terminal ({@link System#console()}). */
@FunctionalInterface
public interface Terminal {

    /** The line typed after {@code prompt}, or null at end of input. */
    char[] readPassword(String prompt);

    /** The process's terminal, or null when standard input or output is not a terminal. */
    static Terminal system() {
        Console console = System.console();
        return (console == null) ? null : (prompt) -> console.readPassword("%s", prompt);
    }
}
