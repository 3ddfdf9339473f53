package com.phoenixidp.pki.keys;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA providers of this module. BouncyCastle is registered once and used for everything
 * but EC P-256 (FIPS 186-4 ECDSA, RFC 5480 keys), whose key generation and signatures use the
 * Amazon Corretto Crypto Provider (AWS-LC, native) when the application installed it: measured
 * here on Java 17, a P-256 key pair takes ~8 µs there against ~80 µs in BouncyCastle (SunEC is
 * slower still), an ECDSA signature ~17 µs against ~88 µs. This library never installs it
 * itself; an application does at its entry point, as the auth-server's {@code NativeCrypto} does.
 */
public final class Providers {

    /** The provider name used with every JCA lookup in this module. */
    public static final String BC = BouncyCastleProvider.PROVIDER_NAME;

    /** The name the Amazon Corretto Crypto Provider registers under. */
    public static final String NATIVE = "AmazonCorrettoCryptoProvider";

    static {
        if (Security.getProvider(BC) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }

    private Providers() {}

    /** Ensures the provider is registered and returns it. */
    public static Provider bouncyCastle() {
        return Security.getProvider(BC);
    }

    /**
     * The provider for EC key generation, EC key import and ECDSA signatures: the native one
     * when it is registered with all three services (the same rule as the crypto module's
     * {@code CryptoProviders.ecdsa()}, plus key generation), else BouncyCastle.
     */
    public static Provider ecdsa() {
        Provider provider = Security.getProvider(NATIVE);
        return (provider != null
                        && provider.getService("KeyPairGenerator", "EC") != null
                        && provider.getService("KeyFactory", "EC") != null
                        && provider.getService("Signature", KeyType.EC.signatureAlgorithm()) != null)
                ? provider
                : bouncyCastle();
    }
}
