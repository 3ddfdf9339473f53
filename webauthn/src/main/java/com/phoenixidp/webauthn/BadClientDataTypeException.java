package com.phoenixidp.webauthn;

/** clientDataJSON.type is not webauthn.create (registration) or webauthn.get (authentication) (WebAuthn L3 §7.1 step 7, §7.2 step 11). Reason code {@value #REASON}. */
public final class BadClientDataTypeException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "bad_client_data_type";

    public BadClientDataTypeException(String message) {
        super(REASON, message);
    }

    public BadClientDataTypeException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
