package com.phoenixidp.pki.keys;

import com.phoenixidp.pki.PkiException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * PKCS#8 encoding that every consumer reads, the same whichever provider made the key.
 * BouncyCastle writes Ed25519 keys as RFC 5958 version 2 (with the public key), which OpenSSL
 * 3.0 rejects; this drops the optional public key and attributes so the output is a plain
 * version 1 PrivateKeyInfo (RFC 5208 / RFC 8410). EC keys always carry their named curve inside
 * the ECPrivateKey (RFC 5915 section 3), as BouncyCastle writes them; the native provider
 * (AWS-LC) leaves it out.
 */
public final class PrivateKeyEncoding {

    private PrivateKeyEncoding() {}

    /** The key as a version 1 PrivateKeyInfo. */
    public static PrivateKeyInfo pkcs8v1(PrivateKey key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ASN1Encodable privateKey = info.parsePrivateKey();
            if (X9ObjectIdentifiers.id_ecPublicKey.equals(
                    info.getPrivateKeyAlgorithm().getAlgorithm())) {
                ECPrivateKey ec = ECPrivateKey.getInstance(privateKey);
                if (ec.getParametersObject() == null) {
                    privateKey = new ECPrivateKey(
                            ec.getPrivateKey(), info.getPrivateKeyAlgorithm().getParameters(), ec.getPublicKey());
                }
            } else if (info.getPublicKeyData() == null && info.getAttributes() == null) {
                return info;
            }
            return new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), privateKey);
        } catch (IOException | RuntimeException e) {
            throw new PkiException("cannot encode private key", e);
        }
    }

    /** The same key as a JDK-provider key object (for the JDK's PKCS#12 keystore). */
    public static PrivateKey forJdk(PrivateKey key) {
        PrivateKeyInfo info = pkcs8v1(key);
        String jdkAlgorithm =
                switch (info.getPrivateKeyAlgorithm().getAlgorithm().getId()) {
                    case "1.2.840.10045.2.1" -> "EC";
                    case "1.2.840.113549.1.1.1" -> "RSA";
                    case "1.3.101.112" -> "Ed25519";
                    default -> throw new PkiException("unsupported private key algorithm " + key.getAlgorithm());
                };
        try {
            return KeyFactory.getInstance(jdkAlgorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot convert private key", e);
        }
    }
}
