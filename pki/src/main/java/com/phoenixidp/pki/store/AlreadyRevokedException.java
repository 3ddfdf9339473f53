package com.phoenixidp.pki.store;

import com.phoenixidp.pki.PkiException;

/** The certificate is already revoked. */
public final class AlreadyRevokedException extends PkiException {

    private static final long serialVersionUID = 1L;

    public AlreadyRevokedException(String message) {
        super(message);
    }

    public AlreadyRevokedException(String message, Throwable cause) {
        super(message, cause);
    }
}
