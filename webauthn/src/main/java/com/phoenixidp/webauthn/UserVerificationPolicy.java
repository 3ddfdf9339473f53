package com.phoenixidp.webauthn;

/**
 * User verification requirement (WebAuthn L3 §5.8.6 {@code UserVerificationRequirement}). Only
 * {@link #REQUIRED} makes a missing UV flag fail a ceremony (§7.1 step 15, §7.2 step 17); the
 * other two are hints to the authenticator.
 */
public enum UserVerificationPolicy {
    REQUIRED("required"),
    PREFERRED("preferred"),
    DISCOURAGED("discouraged");

    private final String value;

    UserVerificationPolicy(String value) {
        this.value = value;
    }

    /** The WebIDL enum value used in options JSON. */
    public String value() {
        return value;
    }
}
