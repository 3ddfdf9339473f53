package com.phoenixidp.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code phoenix-admin}: manages a running Phoenix IdP over HTTP only (SCIM 2.0 for users and
 * groups, the admin API for clients, keys, sessions and audit), as Keycloak's {@code kcadm.sh}
 * does. It never opens the server's database.
 */
@Command(
        name = "phoenix-admin",
        mixinStandardHelpOptions = true,
        version = "phoenix-admin 0.1.0",
        description = "Manage a running Phoenix IdP over its HTTP APIs.")
public final class PhoenixAdmin implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PhoenixAdmin()).execute(args));
    }

    @Override
    public void run() {
        this.spec.commandLine().usage(System.out);
    }
}
