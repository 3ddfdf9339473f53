package com.phoenixidp.pki;

/**
 * Base type of every failure the pki library reports. Messages are one line, name the
 * failing input (a path, a serial, a name) and never contain key material or passphrases,
 * so the command line can print them as they are.
 */
public class PkiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
