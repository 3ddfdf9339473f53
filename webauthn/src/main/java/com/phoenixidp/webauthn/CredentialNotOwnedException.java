package com.phoenixidp.webauthn;

/** The credential belongs to another user than the one the ceremony was started for, or than the response userHandle names (WebAuthn L3 §7.2 step 6). Reason code {@value #REASON}. */
public final class CredentialNotOwnedException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "credential_not_owned";

    public CredentialNotOwnedException(String message) {
        super(REASON, message);
    }

    public CredentialNotOwnedException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
