package com.phoenixidp.samples.cli;

/** The samples' exit codes (the same for every command line, listed in {@code --help}). */
public final class ExitCodes {

    /** Signed in / the call succeeded. */
    public static final int OK = 0;

    /** The authorization server (or API) refused: denied consent, expired code, wrong password, unauthorized client. */
    public static final int REFUSED = 1;

    /** Bad command line (picocli's usage error code). */
    public static final int USAGE = 2;

    /** Could not talk to the server: unreachable, not an issuer (discovery failed), TLS failure, unexpected answer. */
    public static final int UNAVAILABLE = 3;

    public static final String HELP = "Exit codes: 0 success, 1 refused by the server (denied, expired, invalid grant, "
            + "unauthorized client), 2 usage error, 3 server unreachable, not an issuer or unexpected answer.";

    private ExitCodes() {}
}
