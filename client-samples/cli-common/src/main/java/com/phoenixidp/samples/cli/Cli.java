package com.phoenixidp.samples.cli;

import java.io.PrintWriter;
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
