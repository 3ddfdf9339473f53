package com.phoenixidp.webauthn;

/**
 * Discoverable-credential ("resident key") requirement (WebAuthn L3 §5.4.6
 * {@code ResidentKeyRequirement}). Username-less login needs discoverable credentials, so the
 * default is {@link #REQUIRED}.
 */
public enum ResidentKeyPolicy {
    REQUIRED("required"),
    PREFERRED("preferred"),
    DISCOURAGED("discouraged");

    private final String value;

    ResidentKeyPolicy(String value) {
        this.value = value;
    }

    /** The WebIDL enum value used in options JSON. */
    public String value() {
        return value;
    }
}
