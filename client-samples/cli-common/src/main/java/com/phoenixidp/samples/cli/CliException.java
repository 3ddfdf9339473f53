package com.phoenixidp.samples.cli;

/** A failure the command line reports as one line on standard error, with its exit code. */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return this.exitCode;
    }
}
