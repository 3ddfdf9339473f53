package com.phoenixidp.crypto.jws;

/** The key selected by kid does not fit the token's alg (key type, curve, alg or use; RFC 8725 section 3.1). */
public final class KeyMismatchException extends JwsVerificationException {

    private static final long serialVersionUID = 1L;

    public KeyMismatchException(String message) {
        super(message);
    }

    public KeyMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
