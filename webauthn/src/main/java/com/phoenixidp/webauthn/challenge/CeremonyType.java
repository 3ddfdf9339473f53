package com.phoenixidp.webauthn.challenge;

/** The ceremony a challenge was issued for (WebAuthn L3 §7.1 registration, §7.2 authentication). */
public enum CeremonyType {
    REGISTRATION,
    AUTHENTICATION
}
