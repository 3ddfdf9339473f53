package com.phoenixidp.crypto.keys;

/**
 * Stored key material could not be decrypted: wrong master key, tampering, truncation or an unknown
 * format version. Never contains key material.
 */
public final class KeyDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String MESSAGE = "stored key material cannot be decrypted with this master key"
            + " (wrong PHOENIX_MASTER_KEY / master-key file?) or it was tampered with";

    public KeyDecryptionException() {
        super(MESSAGE);
    }

    public KeyDecryptionException(Throwable cause) {
        super(MESSAGE, cause);
    }

    /** Same failure, naming the identifier (e.g. kid) of the key that failed. */
    public KeyDecryptionException(String keyId, Throwable cause) {
        super("key " + keyId + ": " + MESSAGE, cause);
    }
}
