package com.phoenixidp.crypto.keys;

/** A signing-key repository operation failed (wraps the underlying storage error). */
public final class SigningKeyStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SigningKeyStorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public SigningKeyStorageException(String message) {
        super(message);
    }
}
