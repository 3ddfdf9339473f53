package com.phoenixidp.webauthn;

/** The assertion signature does not verify with the stored credential public key (WebAuthn L3 §7.2 step 21). Reason code {@value #REASON}. */
public final class BadSignatureException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "bad_signature";

    public BadSignatureException(String message) {
        super(REASON, message);
    }

    public BadSignatureException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
