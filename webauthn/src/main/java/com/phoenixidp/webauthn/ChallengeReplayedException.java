package com.phoenixidp.webauthn;

/** The ceremony id (and so its challenge) was already consumed; challenges are single-use (WebAuthn L3 §13.4.3). Reason code {@value #REASON}. */
public final class ChallengeReplayedException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "challenge_replayed";

    public ChallengeReplayedException(String message) {
        super(REASON, message);
    }

    public ChallengeReplayedException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
