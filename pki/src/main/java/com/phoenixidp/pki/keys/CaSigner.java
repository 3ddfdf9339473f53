package com.phoenixidp.pki.keys;

import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;

/**
 * A signing handle for a CA key, in the manner of step-ca's {@code crypto.Signer}: callers get
 * a fresh {@link ContentSigner} per signature and the public key, never the private key bytes.
 * A file key, PKCS#11 token or cloud KMS can stand behind it.
 */
public interface CaSigner {

    /** A new single-use content signer (content signers are not thread-safe). */
    ContentSigner contentSigner();

    /** The public half of the signing key. */
    PublicKey publicKey();

    /** The key algorithm. */
    KeyType keyType();
}
