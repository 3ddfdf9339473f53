package com.phoenixidp.samples.service;

import com.phoenixidp.samples.cli.CliException;
import com.phoenixidp.samples.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * An {@link SSLContext} for mutual TLS from PEM files as the CA issues them: the client
 * certificate (optionally followed by its chain), its private key (PKCS#8 {@code BEGIN PRIVATE KEY};
 * traditional RSA/EC keys are accepted too) and the CA certificate(s) to trust.
 */
final class PemTls {

    private PemTls() {}

    /** The client certificate (the first in the file). */
    static X509Certificate leaf(Path certificate) {
        return certificates(certificate, "--cert").get(0);
    }

    static SSLContext context(Path certificate, Path key, Path ca) {
        List<X509Certificate> chain = certificates(certificate, "--cert");
        PrivateKey privateKey = privateKey(key);
        List<X509Certificate> anchors = certificates(ca, "--ca");
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(privateKey.getAlgorithm())) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "--key does not belong to --cert (a " + privateKey.getAlgorithm() + " key for a "
                            + chain.get(0).getPublicKey().getAlgorithm() + " certificate)");
        }
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", privateKey, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < anchors.size(); i++) {
                trust.setCertificateEntry("ca-" + i, anchors.get(i));
            }
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException ex) {
            throw new CliException(ExitCodes.USAGE, "cannot build the TLS context: " + ex.getMessage());
        }
    }

    static List<X509Certificate> certificates(Path file, String option) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                            .map(X509Certificate.class::cast)
                            .toList();
            if (certificates.isEmpty()) {
                throw new CliException(ExitCodes.USAGE, option + ": no certificate in " + file);
            }
            return certificates;
        } catch (NoSuchFileException ex) {
            throw new CliException(ExitCodes.USAGE, option + ": no such file " + file);
        } catch (IOException | GeneralSecurityException ex) {
            throw new CliException(ExitCodes.USAGE, option + ": " + file + " is not a PEM certificate file");
        }
    }

    static PrivateKey privateKey(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (pem instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new CliException(
                    ExitCodes.USAGE,
                    "--key: " + file + " is not an unencrypted PEM private key"
                            + " (expected PKCS#8 'BEGIN PRIVATE KEY')");
        } catch (NoSuchFileException ex) {
            throw new CliException(ExitCodes.USAGE, "--key: no such file " + file);
        } catch (IOException ex) {
            throw new CliException(ExitCodes.USAGE, "--key: cannot read " + file + " (" + ex.getMessage() + ")");
        }
    }
}
