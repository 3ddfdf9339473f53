/**
 * Authentication ceremony, WebAuthn L3 §7.2: request options JSON out, assertion JSON in; username-less or for a known user.
 */
package com.phoenixidp.webauthn.authentication;
