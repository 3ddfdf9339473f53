package com.phoenixidp.crypto.jws;

/** The token's alg is not on the allow-list, or the token is unsigned (alg none; RFC 8725 section 3.1). */
public final class DisallowedAlgorithmException extends JwsVerificationException {

    private static final long serialVersionUID = 1L;

    public DisallowedAlgorithmException(String message) {
        super(message);
    }

    public DisallowedAlgorithmException(String message, Throwable cause) {
        super(message, cause);
    }
}
