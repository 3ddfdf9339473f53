package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;

/** The directory holds no CA (run {@code pki init} first). */
public final class CaNotFoundException extends PkiException {

    private static final long serialVersionUID = 1L;

    public CaNotFoundException(String message) {
        super(message);
    }
}
