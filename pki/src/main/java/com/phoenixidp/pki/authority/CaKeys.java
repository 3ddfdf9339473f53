package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.CaSigner;
import com.phoenixidp.pki.keys.EncryptedKeyFile;
import com.phoenixidp.pki.keys.PrivateKeySigner;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.keys.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.RuntimeOperatorException;

/**
 * The CA's certificates and signing handles, loaded from the directory: keys decrypted with the
 * passphrase (a wrong one fails with {@link WrongPassphraseException}) and checked to match
 * their certificates.
 */
record CaKeys(X509Certificate root, X509Certificate intermediate, CaSigner rootSigner, CaSigner intermediateSigner) {

    static CaKeys load(CaDirectory directory, char[] passphrase, SecureRandom random) {
        Providers.bouncyCastle();
        if (passphrase == null || passphrase.length == 0) {
            throw new WrongPassphraseException("no CA passphrase given");
        }
        X509Certificate root = directory.readCertificate(CaDirectory.ROOT_CERT);
        X509Certificate intermediate = directory.readCertificate(CaDirectory.INTERMEDIATE_CERT);
        // the passphrase KDF is deliberately slow; the two keys are decrypted side by side
        java.util.concurrent.CompletableFuture<PrivateKey> rootKeyFuture =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> EncryptedKeyFile.decrypt(directory.file(CaDirectory.ROOT_KEY), passphrase));
        PrivateKey intermediateKey;
        try {
            intermediateKey = EncryptedKeyFile.decrypt(directory.file(CaDirectory.INTERMEDIATE_KEY), passphrase);
        } finally {
            rootKeyFuture.exceptionally(e -> null);
        }
        PrivateKey rootKey;
        try {
            rootKey = rootKeyFuture.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        PrivateKeySigner rootSigner = new PrivateKeySigner(new KeyPair(root.getPublicKey(), rootKey), random);
        PrivateKeySigner intermediateSigner =
                new PrivateKeySigner(new KeyPair(intermediate.getPublicKey(), intermediateKey), random);
        requireMatch(root, rootSigner);
        requireMatch(intermediate, intermediateSigner);
        return new CaKeys(root, intermediate, rootSigner, intermediateSigner);
    }

    /** Checks that a decrypted key, as its signer holds it, belongs to its certificate (sign and verify a challenge). */
    private static void requireMatch(X509Certificate certificate, CaSigner signer) {
        try {
            byte[] challenge = "phoenix-idp key check".getBytes(StandardCharsets.US_ASCII);
            ContentSigner contentSigner = signer.contentSigner();
            contentSigner.getOutputStream().write(challenge);
            byte[] signature = contentSigner.getSignature();
            Signature verifier = Signature.getInstance(signer.keyType().signatureAlgorithm(), Providers.BC);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (java.security.GeneralSecurityException | java.io.IOException | RuntimeOperatorException e) {
            // fall through
        }
        throw new PkiException(
                "CA key does not match " + certificate.getSubjectX500Principal().getName());
    }
}
