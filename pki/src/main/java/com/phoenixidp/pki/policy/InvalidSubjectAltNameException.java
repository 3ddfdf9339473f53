package com.phoenixidp.pki.policy;

import com.phoenixidp.pki.PkiException;

/** A subject alternative name is malformed (bad {@code --san} syntax, bad DNS name, bad IP literal, ...). */
public final class InvalidSubjectAltNameException extends PkiException {

    private static final long serialVersionUID = 1L;

    public InvalidSubjectAltNameException(String message) {
        super(message);
    }
}
