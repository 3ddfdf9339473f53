package com.phoenixidp.webauthn;

/** The browser response JSON is not a well-formed PublicKeyCredential of the expected shape (WebAuthn L3 §5.1, §7.1 steps 1-6, §7.2 steps 1-7). Reason code {@value #REASON}. */
public final class MalformedResponseException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "malformed_response";

    public MalformedResponseException(String message) {
        super(REASON, message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
