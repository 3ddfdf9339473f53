package com.phoenixidp.crypto.jws;

/** The token's exp (RFC 7519 section 4.1.4) has passed, allowing for clock skew, or it has no exp. */
public final class TokenExpiredException extends JwsVerificationException {

    private static final long serialVersionUID = 1L;

    public TokenExpiredException(String message) {
        super(message);
    }

    public TokenExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
