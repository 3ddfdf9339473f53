package com.phoenixidp.pki.store;

import com.phoenixidp.pki.PkiException;

/** The ledger (database) failed. */
public final class LedgerException extends PkiException {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
