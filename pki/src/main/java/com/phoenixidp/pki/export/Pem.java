package com.phoenixidp.pki.export;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.PrivateKeyEncoding;
import com.phoenixidp.pki.keys.Providers;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM encoding (RFC 7468) of certificates, certificate chains, CRLs and unencrypted PKCS#8 keys.
 */
public final class Pem {

    private Pem() {}

    /** One or more certificates, in order, as PEM text. */
    public static String certificates(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new PkiException("cannot encode certificate", e);
        }
        return out.toString();
    }

    /** A single certificate as PEM text. */
    public static String certificate(X509Certificate certificate) {
        return certificates(List.of(certificate));
    }

    /** A CRL as PEM text ({@code X509 CRL}). */
    public static String crl(X509CRL crl) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(crl);
        } catch (IOException e) {
            throw new PkiException("cannot encode CRL", e);
        }
        return out.toString();
    }

    /** An unencrypted PKCS#8 private key ({@code PRIVATE KEY}). */
    public static String privateKey(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PKCS8Generator(PrivateKeyEncoding.pkcs8v1(key), null).generate());
        } catch (IOException e) {
            throw new PkiException("cannot encode private key", e);
        }
        return out.toString();
    }

    /** Parses every certificate in PEM text. */
    public static List<X509Certificate> parseCertificates(String pem) {
        List<X509Certificate> result = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(Providers.bouncyCastle());
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    result.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new PkiException("not a PEM certificate file: " + e.getMessage());
        }
        return result;
    }

    /** PEM text as ASCII bytes. */
    public static byte[] bytes(String pem) {
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
