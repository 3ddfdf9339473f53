package com.phoenixidp.crypto.jws;

/** Base of all JWS verification failures (RFC 7515 section 5.2); subclasses name the exact reason. */
public class JwsVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JwsVerificationException(String message) {
        super(message);
    }

    public JwsVerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
