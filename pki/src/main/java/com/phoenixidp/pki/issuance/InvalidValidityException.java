package com.phoenixidp.pki.issuance;

import com.phoenixidp.pki.PkiException;

/** The requested validity is not positive or the issuer can no longer issue. */
public final class InvalidValidityException extends PkiException {

    private static final long serialVersionUID = 1L;

    public InvalidValidityException(String message) {
        super(message);
    }
}
