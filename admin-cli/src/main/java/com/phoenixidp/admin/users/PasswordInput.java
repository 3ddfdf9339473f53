package com.phoenixidp.admin.users;

import com.phoenixidp.admin.AdminException;
import com.phoenixidp.admin.Invocation;
import com.phoenixidp.admin.Terminal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a new user password comes from: the environment variable {@code PHOENIX_PASSWORD}, else
 * the terminal (asked twice, without echo), else the first line of standard input — never an
 * option value. An empty password is refused (exit 2); the server applies its password policy.
 */
final class PasswordInput {

    static final String PASSWORD_ENV = "PHOENIX_PASSWORD";

    private PasswordInput() {}

    static String read(Invocation invocation, String username) {
        String fromEnvironment = invocation.environment().get(PASSWORD_ENV);
        if (fromEnvironment != null) {
            if (fromEnvironment.isEmpty()) {
                throw AdminException.usage(PASSWORD_ENV + " is set but empty: an empty password is refused");
            }
            return fromEnvironment;
        }
        Terminal terminal = invocation.terminal();
        if (terminal != null) {
            return fromTerminal(terminal, username);
        }
        String line;
        try {
            line = new BufferedReader(new InputStreamReader(invocation.stdin(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException ex) {
            throw AdminException.usage("cannot read the password from standard input: " + ex.getMessage());
        }
        if (line == null || line.isEmpty()) {
            throw AdminException.usage("no password: set " + PASSWORD_ENV
                    + " or pipe it on standard input (an empty password is refused)");
        }
        return line;
    }

    private static String fromTerminal(Terminal terminal, String username) {
        char[] first = terminal.readPassword("New password for " + username + ": ");
        if (first == null || first.length == 0) {
            throw AdminException.usage("an empty password is refused");
        }
        char[] second = terminal.readPassword("Repeat the password: ");
        try {
            if (!Arrays.equals(first, second)) {
                throw AdminException.usage("the two passwords differ");
            }
            return new String(first);
        } finally {
            Arrays.fill(first, '\0');
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
