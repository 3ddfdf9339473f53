package com.phoenixidp.authserver.ca;

/** The CA is configured but cannot be used (no passphrase, unreadable file). */
public final class CaConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CaConfigurationException(String message) {
        super(message);
    }
}
