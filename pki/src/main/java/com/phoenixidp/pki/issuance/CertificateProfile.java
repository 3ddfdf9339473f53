package com.phoenixidp.pki.issuance;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.KeyType;
import java.util.Locale;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Leaf profiles: which key usage (RFC 5280 4.2.1.3) and extended key usage (4.2.1.12) a
 * certificate gets. {@code server} is a TLS server, {@code client} a TLS client, {@code peer}
 * both (a service that calls and is called over mutual TLS).
 */
public enum CertificateProfile {
    SERVER,
    CLIENT,
    PEER;

    /** The extended key usage extension value. */
    public ExtendedKeyUsage extendedKeyUsage() {
        KeyPurposeId[] purposes = switch (this) {
            case SERVER -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
            case CLIENT -> new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
            case PEER -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
        };
        return new ExtendedKeyUsage(purposes);
    }

    /**
     * Key usage: digitalSignature always; keyEncipherment as well for RSA keys that may serve
     * TLS 1.2 RSA key exchange (RFC 5246) — never for EC or Ed25519 keys.
     */
    public KeyUsage keyUsage(KeyType keyType) {
        int bits = KeyUsage.digitalSignature;
        if (keyType.supportsKeyEncipherment() && this != CLIENT) {
            bits |= KeyUsage.keyEncipherment;
        }
        return new KeyUsage(bits);
    }

    /** Parses {@code server}, {@code client} or {@code peer} (any case). */
    public static CertificateProfile parse(String text) {
        for (CertificateProfile profile : values()) {
            if (profile.name().equalsIgnoreCase(text)) {
                return profile;
            }
        }
        throw new PkiException("unknown profile '" + text + "' (expected server, client or peer)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
