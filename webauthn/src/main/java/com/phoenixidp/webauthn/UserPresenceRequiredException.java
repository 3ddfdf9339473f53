package com.phoenixidp.webauthn;

/** The UP flag is not set (WebAuthn L3 §7.1 step 14, §7.2 step 16). Reason code {@value #REASON}. */
public final class UserPresenceRequiredException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "user_presence_required";

    public UserPresenceRequiredException(String message) {
        super(REASON, message);
    }

    public UserPresenceRequiredException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
