package com.phoenixidp.resourceserver.revocation;

import org.jspecify.annotations.Nullable;

/** The status of a certificate could not be obtained (no responder, network error, bad or stale answer). */
public final class RevocationUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public RevocationUnavailableException(String message) {
        super(message);
    }

    public RevocationUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
