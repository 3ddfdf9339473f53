package com.phoenixidp.webauthn;

/** The credential public key algorithm is not one of the offered pubKeyCredParams (WebAuthn L3 §7.1 step 17). Reason code {@value #REASON}. */
public final class DisallowedAlgorithmException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "disallowed_algorithm";

    public DisallowedAlgorithmException(String message) {
        super(REASON, message);
    }

    public DisallowedAlgorithmException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
