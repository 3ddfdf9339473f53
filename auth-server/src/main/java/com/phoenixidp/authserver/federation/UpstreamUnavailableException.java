package com.phoenixidp.authserver.federation;

import org.jspecify.annotations.Nullable;

/**
 * An upstream provider's metadata could not be had (down, timed out, not OIDC Discovery, another
 * issuer): its sign-in button leads back to the sign-in page with a message until it can.
 */
public final class UpstreamUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UpstreamUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
