/**
 * Passkey (WebAuthn Level 3) relying party on webauthn4j, framework-free: configuration
 * ({@link com.phoenixidp.webauthn.RelyingPartyConfig}), one exception type per ceremony failure
 * reason ({@link com.phoenixidp.webauthn.WebAuthnCeremonyException}), and shared helpers. Ceremonies
 * live in {@code registration} and {@code authentication}; storage ports in {@code challenge} and
 * {@code credential}.
 */
package com.phoenixidp.webauthn;
