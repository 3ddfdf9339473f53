package com.phoenixidp.pki.policy;

import com.phoenixidp.pki.PkiException;

/** A requested name lies outside the CA's name policy. */
public final class NameNotAllowedException extends PkiException {

    private static final long serialVersionUID = 1L;

    public NameNotAllowedException(String message) {
        super(message);
    }
}
