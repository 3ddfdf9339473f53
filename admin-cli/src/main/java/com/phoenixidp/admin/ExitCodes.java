package com.phoenixidp.admin;

/** The exit statuses of {@code phoenix-admin}, the same for every command (listed in {@code --help}). */
public final class ExitCodes {

    /** The operation succeeded. */
    public static final int OK = 0;

    /** The server refused or failed the operation (HTTP 4xx/5xx, unknown user, group or client). */
    public static final int REFUSED = 1;

    /** Bad command line: unknown option, missing argument, missing secret or --yes (picocli's usage code). */
    public static final int USAGE = 2;

    /** Could not connect or authenticate: unreachable server, TLS failure, client credentials refused. */
    public static final int UNAVAILABLE = 3;

    static final String FOOTER = "%nExit codes:%n"
            + "  0  success%n"
            + "  1  the server refused or failed the operation (its message is printed)%n"
            + "  2  usage error: bad option or argument, no secret or password, no --yes%n"
            + "  3  cannot connect or sign in: server unreachable, TLS failure, client%n"
            + "     credentials refused, not a Phoenix IdP";

    private ExitCodes() {}
}
