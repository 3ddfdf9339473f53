package com.phoenixidp.crypto.jws;

/** The signature does not verify with the selected key (RFC 7515 section 5.2 step 8). */
public final class InvalidSignatureException extends JwsVerificationException {

    private static final long serialVersionUID = 1L;

    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
