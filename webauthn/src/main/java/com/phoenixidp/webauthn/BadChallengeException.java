package com.phoenixidp.webauthn;

/** The challenge in clientDataJSON differs from the one issued for the ceremony id, or the ceremony id belongs to the other ceremony type (WebAuthn L3 §7.1 step 8, §7.2 step 12). Reason code {@value #REASON}. */
public final class BadChallengeException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "bad_challenge";

    public BadChallengeException(String message) {
        super(REASON, message);
    }

    public BadChallengeException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
