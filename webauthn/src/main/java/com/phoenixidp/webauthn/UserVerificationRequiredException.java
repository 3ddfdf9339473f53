package com.phoenixidp.webauthn;

/** The UV flag is not set although the policy requires user verification (WebAuthn L3 §7.1 step 15, §7.2 step 17). Reason code {@value #REASON}. */
public final class UserVerificationRequiredException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "user_verification_required";

    public UserVerificationRequiredException(String message) {
        super(REASON, message);
    }

    public UserVerificationRequiredException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
