package com.phoenixidp.crypto.jws;

/** No key in the JWK set has the token's kid (or the token has no kid). */
public final class UnknownKeyException extends JwsVerificationException {

    private static final long serialVersionUID = 1L;

    public UnknownKeyException(String message) {
        super(message);
    }

    public UnknownKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
