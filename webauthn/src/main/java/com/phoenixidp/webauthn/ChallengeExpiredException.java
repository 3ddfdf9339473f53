package com.phoenixidp.webauthn;

/** The challenge was used after its expiry (WebAuthn L3 §13.4.3, §5.4 timeout). Reason code {@value #REASON}. */
public final class ChallengeExpiredException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "challenge_expired";

    public ChallengeExpiredException(String message) {
        super(REASON, message);
    }

    public ChallengeExpiredException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
