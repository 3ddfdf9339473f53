package com.phoenixidp.webauthn.registration;

import java.time.Instant;
import java.util.Objects;

/**
 * Result of starting a registration: keep {@code ceremonyId} server-side (HTTP session) or hand
 * it to the client, and send {@code optionsJson} to the browser, which passes it to
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON()} (WebAuthn L3 §5.1.9).
 *
 * @param ceremonyId  id to pass back to {@link RegistrationService#finish}
 * @param optionsJson {@code PublicKeyCredentialCreationOptionsJSON}
 * @param expiresAt   when the challenge expires
 */
public record RegistrationStart(String ceremonyId, String optionsJson, Instant expiresAt) {

    public RegistrationStart {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(optionsJson, "optionsJson");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
