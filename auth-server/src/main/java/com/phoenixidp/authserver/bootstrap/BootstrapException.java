package com.phoenixidp.authserver.bootstrap;

/**
 * A bootstrap entry that cannot be applied; the message names the entry and the field, never a
 * secret value. Start-up stops with this message (see {@link StartupFailureAnalyzer}).
 */
public final class BootstrapException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BootstrapException(String message) {
        super(message);
    }
}
