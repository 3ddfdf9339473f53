/**
 * Registration ceremony, WebAuthn L3 §7.1: creation options JSON out, {@code PublicKeyCredential.toJSON()} in.
 */
package com.phoenixidp.webauthn.registration;
