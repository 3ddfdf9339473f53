package com.phoenixidp.admin;

import java.io.Console;
import org.jspecify.annotations.Nullable;

/** Reads a password without echo from the user's terminal ({@link System#console()}). */
@FunctionalInterface
public interface Terminal {

    /** The line typed after {@code prompt}, or null at end of input. */
    char @Nullable [] readPassword(String prompt);

    /** The process's terminal, or null when standard input or output is not a terminal. */
    static @Nullable Terminal system() {
        Console console = interactiveConsole();
        return (console == null) ? null : (prompt) -> console.readPassword("%s", prompt);
    }

    /**
     * {@link System#console()} when it is a terminal. Up to JDK 21 a console exists only for a
     * terminal; JDK 22 to 24 also return one for redirected streams and tell by
     * {@code Console.isTerminal()} (JDK 22+, called reflectively: this code compiles for Java 17).
     */
    // SystemConsoleNull: the null check is right before JDK 22; isTerminal() covers JDK 22 and later
    @SuppressWarnings("SystemConsoleNull")
    private static @Nullable Console interactiveConsole() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Object terminal = Console.class.getMethod("isTerminal").invoke(console);
            return Boolean.FALSE.equals(terminal) ? null : console;
        } catch (NoSuchMethodException ex) {
            return console; // before JDK 22: a console is a terminal
        } catch (ReflectiveOperationException ex) {
            return console;
        }
    }
}
