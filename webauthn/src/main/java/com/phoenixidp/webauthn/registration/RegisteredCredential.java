package com.phoenixidp.webauthn.registration;

import com.phoenixidp.webauthn.credential.PasskeyCredential;
import java.util.Objects;

/**
 * A passkey that passed the registration ceremony (WebAuthn L3 §7.1) and was stored.
 *
 * @param credential   the stored credential record
 * @param userVerified whether the UV flag was set at registration
 */
public record RegisteredCredential(PasskeyCredential credential, boolean userVerified) {

    public RegisteredCredential {
        Objects.requireNonNull(credential, "credential");
    }

    /** The attestation statement format that was verified ({@code none}, {@code packed}, {@code fido-u2f}). */
    public String attestationFormat() {
        return credential.attestationFormat();
    }
}
