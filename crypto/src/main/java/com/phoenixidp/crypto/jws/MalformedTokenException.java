package com.phoenixidp.crypto.jws;

/** The input is not a well-formed JWS compact serialization or its payload is not a JWT claims set. */
public final class MalformedTokenException extends JwsVerificationException {

    private static final long serialVersionUID = 1L;

    public MalformedTokenException(String message) {
        super(message);
    }

    public MalformedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
