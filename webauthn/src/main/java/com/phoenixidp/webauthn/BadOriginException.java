package com.phoenixidp.webauthn;

/** clientDataJSON.origin (or topOrigin) is not in the allowed origins (WebAuthn L3 §7.1 step 9, §7.2 step 13). Reason code {@value #REASON}. */
public final class BadOriginException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "bad_origin";

    public BadOriginException(String message) {
        super(REASON, message);
    }

    public BadOriginException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
