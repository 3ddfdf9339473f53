package com.phoenixidp.pki.support;

import com.phoenixidp.pki.cli.PkiCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the {@code pki} command line in process and captures its streams. */
public final class CliRun {

    /** Exit status, stdout and stderr of one in-process run. */
    public record Result(int exitCode, String out, String err) {}

    private CliRun() {}

    public static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = PkiCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }
}
