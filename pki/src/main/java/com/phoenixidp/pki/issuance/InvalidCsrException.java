package com.phoenixidp.pki.issuance;

import com.phoenixidp.pki.PkiException;

/** A certificate signing request is malformed, carries a forged (invalid) proof-of-possession signature or an unacceptable key. */
public final class InvalidCsrException extends PkiException {

    private static final long serialVersionUID = 1L;

    public InvalidCsrException(String message) {
        super(message);
    }
}
