/**
 * Single-use, expiring ceremony challenges (WebAuthn L3 §13.4.3) and their storage port with in-memory and JDBC adapters.
 */
package com.phoenixidp.webauthn.challenge;
