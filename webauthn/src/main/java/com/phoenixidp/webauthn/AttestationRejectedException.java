package com.phoenixidp.webauthn;

/** The attestation statement format is not supported or its statement does not verify (WebAuthn L3 §7.1 steps 19-21). Reason code {@value #REASON}. */
public final class AttestationRejectedException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "attestation_rejected";

    public AttestationRejectedException(String message) {
        super(REASON, message);
    }

    public AttestationRejectedException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
