package com.phoenixidp.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A group of commands ({@code users}, {@code clients}, ...): run alone, it is a usage error naming its commands. */
public abstract class GroupCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "show this help and exit")
    protected boolean help;

    @Override
    public Integer call() {
        throw AdminException.usage("missing command after '" + this.spec.qualifiedName() + "': one of "
                + String.join(", ", this.spec.subcommands().keySet()) + " (see '" + this.spec.qualifiedName()
                + " --help')");
    }
}
