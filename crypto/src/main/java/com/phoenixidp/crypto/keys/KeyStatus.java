package com.phoenixidp.crypto.keys;

/**
 * Life cycle of a signing key (publish before use, keep until tokens expire; RFC 7517 key rotation practice).
 * NEXT: published in the JWK set, not signing yet. ACTIVE: signs new tokens (one per algorithm).
 * RETIRED: no longer signs, still published until {@code retiredAt + retention}, then deleted.
 */
public enum KeyStatus {
    NEXT,
    ACTIVE,
    RETIRED
}
