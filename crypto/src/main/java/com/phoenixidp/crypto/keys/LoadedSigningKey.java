package com.phoenixidp.crypto.keys;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;

/** A decrypted signing key held in memory: metadata, public JWK and a signer wrapping the private key. */
record LoadedSigningKey(StoredSigningKey meta, JWK publicJwk, JWSSigner signer) {

    @Override
    public String toString() {
        return "LoadedSigningKey[" + meta.kid() + "]";
    }
}
