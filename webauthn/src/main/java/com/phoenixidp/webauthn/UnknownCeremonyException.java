package com.phoenixidp.webauthn;

/** No challenge was ever issued for this ceremony id, or it was purged after expiry. Reason code {@value #REASON}. */
public final class UnknownCeremonyException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "unknown_ceremony";

    public UnknownCeremonyException(String message) {
        super(REASON, message);
    }

    public UnknownCeremonyException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
