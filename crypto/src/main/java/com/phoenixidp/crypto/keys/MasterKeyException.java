package com.phoenixidp.crypto.keys;

/** No usable master key could be resolved. The message tells the operator what to configure, never a key. */
public final class MasterKeyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
