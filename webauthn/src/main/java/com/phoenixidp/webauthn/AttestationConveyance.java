package com.phoenixidp.webauthn;

/**
 * Attestation conveyance preference sent in creation options (WebAuthn L3 §5.4.7). Whatever is
 * requested, statements in the {@code none}, {@code packed} and {@code fido-u2f} formats are
 * verified when the client sends them; other formats are rejected (see {@link RelyingPartyConfig}).
 */
public enum AttestationConveyance {
    /** No attestation wanted; clients usually replace the statement with {@code none}. */
    NONE("none"),
    /** Ask for the authenticator's own attestation statement. */
    DIRECT("direct");

    private final String value;

    AttestationConveyance(String value) {
        this.value = value;
    }

    /** The WebIDL enum value used in options JSON. */
    public String value() {
        return value;
    }
}
