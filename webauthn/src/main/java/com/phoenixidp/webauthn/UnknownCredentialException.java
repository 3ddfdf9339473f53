package com.phoenixidp.webauthn;

/** The credential id in the assertion is not registered (WebAuthn L3 §7.2 step 6). Reason code {@value #REASON}. */
public final class UnknownCredentialException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "unknown_credential";

    public UnknownCredentialException(String message) {
        super(REASON, message);
    }

    public UnknownCredentialException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
