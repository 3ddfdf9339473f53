package com.phoenixidp.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.phoenixidp.admin.http.AdminApi;
import com.phoenixidp.admin.http.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that does one thing on the server: {@code --json} for scripts, else readable text. It
 * reaches the server through the root command's connection, opened on first use (so {@code --help}
 * and usage errors need no server).
 */
public abstract class AdminCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    protected boolean help;

    @Option(names = "--json", description = "print JSON (for scripts) instead of a table")
    protected boolean json;

    @Override
    public final Integer call() {
        execute();
        return ExitCodes.OK;
    }

    /** Does the work; failures are {@link AdminException}s. */
    protected abstract void execute();

    protected PhoenixAdmin root() {
        return (PhoenixAdmin) this.spec.root().userObject();
    }

    protected AdminApi api() {
        return root().api();
    }

    protected Invocation invocation() {
        return root().invocation();
    }

    protected PrintWriter out() {
        return this.spec.commandLine().getOut();
    }

    /** Prints {@code node} as indented JSON. */
    protected void printJson(@Nullable JsonNode node) {
        out().println(Json.pretty(node));
    }
}
