package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;

/** The passphrase given does not decrypt the CA's private key. */
public final class WrongPassphraseException extends PkiException {

    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(message);
    }
}
