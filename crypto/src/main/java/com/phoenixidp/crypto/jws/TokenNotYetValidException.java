package com.phoenixidp.crypto.jws;

/** The token's nbf (RFC 7519 section 4.1.5) is in the future, allowing for clock skew. */
public final class TokenNotYetValidException extends JwsVerificationException {

    private static final long serialVersionUID = 1L;

    public TokenNotYetValidException(String message) {
        super(message);
    }

    public TokenNotYetValidException(String message, Throwable cause) {
        super(message, cause);
    }
}
