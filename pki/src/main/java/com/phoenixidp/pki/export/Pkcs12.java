package com.phoenixidp.pki.export;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.PrivateKeyEncoding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * PKCS#12 (RFC 7292) export through the JDK's own keystore implementation, so the files load
 * in Java ({@code KeyStore.getInstance("PKCS12")}, Spring Boot SSL bundles) and in OpenSSL:
 * a keystore with the leaf key and chain, and a truststore holding the root as a trusted entry.
 */
public final class Pkcs12 {

    /** Alias of the key entry in an exported keystore. */
    public static final String KEY_ALIAS = "phoenix";
    /** Alias of the root in an exported truststore. */
    public static final String ROOT_ALIAS = "phoenix-root";

    private Pkcs12() {}

    /** A keystore with one private key entry: {@code key} with {@code chain} (leaf first). */
    public static byte[] keyStore(PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(KEY_ALIAS, PrivateKeyEncoding.forJdk(key), password, chain.toArray(Certificate[]::new));
            return encode(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build PKCS#12 keystore: " + e.getMessage(), e);
        }
    }

    /** A truststore with {@code root} as a trusted certificate entry. */
    public static byte[] trustStore(X509Certificate root, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(ROOT_ALIAS, root);
            return encode(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException("cannot build PKCS#12 truststore: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(KeyStore store, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
