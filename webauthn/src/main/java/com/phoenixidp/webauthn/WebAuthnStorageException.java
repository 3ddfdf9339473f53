package com.phoenixidp.webauthn;

/**
 * A storage adapter (JDBC) failed. Not a ceremony failure: it means the server, not the
 * response, is at fault.
 */
public final class WebAuthnStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebAuthnStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
