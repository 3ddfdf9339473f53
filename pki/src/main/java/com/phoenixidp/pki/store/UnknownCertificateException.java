package com.phoenixidp.pki.store;

import com.phoenixidp.pki.PkiException;

/** No certificate with the given serial was issued by this CA. */
public final class UnknownCertificateException extends PkiException {

    private static final long serialVersionUID = 1L;

    public UnknownCertificateException(String message) {
        super(message);
    }

    public UnknownCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
