package com.phoenixidp.webauthn;

/** authenticatorData.rpIdHash is not the SHA-256 of the configured RP ID (WebAuthn L3 §7.1 step 13, §7.2 step 15). Reason code {@value #REASON}. */
public final class BadRpIdException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "bad_rp_id";

    public BadRpIdException(String message) {
        super(REASON, message);
    }

    public BadRpIdException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
