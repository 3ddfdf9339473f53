package com.phoenixidp.admin;

/**
 * A failure {@code phoenix-admin} reports as one line on standard error, with its exit status.
 * Messages name what failed and how to fix it; they never carry a secret, password or token.
 */
public class AdminException extends RuntimeException {

    private final int exitCode;

    public AdminException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** Bad input on the command line or in the environment (exit 2). */
    public static AdminException usage(String message) {
        return new AdminException(ExitCodes.USAGE, message);
    }

    /** The server refused or failed the operation (exit 1). */
    public static AdminException refused(String message) {
        return new AdminException(ExitCodes.REFUSED, message);
    }

    /** The server could not be reached or refused to authenticate us (exit 3). */
    public static AdminException unavailable(String message) {
        return new AdminException(ExitCodes.UNAVAILABLE, message);
    }

    public int exitCode() {
        return this.exitCode;
    }
}
