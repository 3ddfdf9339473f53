package com.phoenixidp.crypto.secret;

/** A configured secret is too short to be a high-entropy secret. The message never contains the secret. */
public final class WeakSecretException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public WeakSecretException(String message) {
        super(message);
    }
}
