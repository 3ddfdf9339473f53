package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;

/** {@code init} found an existing CA and refuses to overwrite it. */
public final class CaAlreadyExistsException extends PkiException {

    private static final long serialVersionUID = 1L;

    public CaAlreadyExistsException(String message) {
        super(message);
    }
}
