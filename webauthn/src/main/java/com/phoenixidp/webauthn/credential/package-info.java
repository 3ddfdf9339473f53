/**
 * Credential records (WebAuthn L3 §7.1 step 27) and their storage port with in-memory and JDBC adapters.
 */
package com.phoenixidp.webauthn.credential;
