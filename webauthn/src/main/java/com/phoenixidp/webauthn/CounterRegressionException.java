package com.phoenixidp.webauthn;

/** The signature counter did not increase although the authenticator uses counters: a sign that the credential may be cloned (WebAuthn L3 §7.2 step 22, §6.1.1). The credential is flagged as clone-suspected. Reason code {@value #REASON}. */
public final class CounterRegressionException extends WebAuthnCeremonyException {

    private static final long serialVersionUID = 1L;

    /** Stable reason code. */
    public static final String REASON = "counter_regression";

    public CounterRegressionException(String message) {
        super(REASON, message);
    }

    public CounterRegressionException(String message, Throwable cause) {
        super(REASON, message, cause);
    }
}
