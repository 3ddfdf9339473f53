package com.phoenixidp.webauthn;

/** The credential id is already registered, for any user (WebAuthn L3 §7.1 step 25). Reason code {@value #REASON}. */
public final class DuplicateCredentialException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "duplicate_credential";

    public DuplicateCredentialException(String message) {
        super(REASON, message);
    }

    public DuplicateCredentialException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
