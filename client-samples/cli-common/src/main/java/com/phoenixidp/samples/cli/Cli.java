package com.phoenixidp.samples.cli;

import java.io.Console;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** Runs a picocli command: {@link CliException}s become one line on stderr and their exit code. */
public final class Cli {

    private Cli() {}

    public static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cl, parseResult) -> {
            if (ex instanceof CliException cli) {
                cl.getErr().println(cl.getCommandName() + ": error: " + cli.getMessage());
                cl.getErr().flush();
                return cli.exitCode();
            }
            cl.getErr().println(cl.getCommandName() + ": error: " + ex);
            cl.getErr().flush();
            return ExitCodes.UNAVAILABLE;
        });
        return commandLine;
    }

    public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
        int code = commandLine(command, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * {@link System#console()} when it is a terminal, else null. Up to JDK 21 a console exists only
     * for a terminal; JDK 22 to 24 also return one for redirected streams and tell by
     * {@code Console.isTerminal()} (JDK 22+, called reflectively: this code compiles for Java 17).
     */
    // SystemConsoleNull: the null check is right before JDK 22; isTerminal() covers JDK 22 and later
    @SuppressWarnings("SystemConsoleNull")
    public static @Nullable Console interactiveConsole() {
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

    /** The OAuth error of a refused token request as one line: {@code description [error]}. */
    public static String oauthError(OAuthHttp.Answer answer) {
        String error = answer.error();
        if (error == null) {
            String body = answer.body().strip();
            return "unexpected answer (HTTP " + answer.status() + ")"
                    + (body.isEmpty() ? "" : ": " + (body.length() > 120 ? body.substring(0, 120) + "..." : body));
        }
        String description = answer.errorDescription();
        return ((description != null) ? description + " " : "") + "[" + error + "]";
    }
}
