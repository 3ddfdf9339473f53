package com.phoenixidp.webauthn.authentication;

import java.time.Instant;
import java.util.Objects;

/**
 * Result of starting an authentication: keep {@code ceremonyId}, send {@code optionsJson} to the
 * browser, which passes it to {@code PublicKeyCredential.parseRequestOptionsFromJSON()}
 * (WebAuthn L3 §5.1.10).
 *
 * @param ceremonyId  id to pass back to {@link AuthenticationService#finish}
 * @param optionsJson {@code PublicKeyCredentialRequestOptionsJSON}
 * @param expiresAt   when the challenge expires
 */
public record AuthenticationStart(String ceremonyId, String optionsJson, Instant expiresAt) {

    public AuthenticationStart {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        Objects.requireNonNull(optionsJson, "optionsJson");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
