package com.phoenixidp.pki.issuance;

import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.policy.SubjectAltName;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.jspecify.annotations.Nullable;

/**
 * A parsed and verified PKCS#10 request (RFC 2986). Parsing and verification follow the order
 * read → validate: the structure is decoded, the proof-of-possession signature is checked
 * against the request's own public key (RFC 2986 section 3, step 3), the key is checked
 * against the CA's key policy, and only the common name and subjectAltName extension request
 * are taken — the CA, not the requester, decides every other extension.
 *
 * @param commonName      the requested CN (the first SAN value when the request has no CN)
 * @param subjectAltNames the requested SANs
 * @param publicKey       the requester's public key
 */
public record SigningRequest(String commonName, List<SubjectAltName> subjectAltNames, SubjectPublicKeyInfo publicKey) {

    public SigningRequest {
        subjectAltNames = List.copyOf(subjectAltNames);
    }

    /** Parses PEM ({@code CERTIFICATE REQUEST}) or DER bytes and verifies the request. */
    public static SigningRequest parse(byte[] encoded) {
        PKCS10CertificationRequest csr = decode(encoded);
        verifySignature(csr);
        PublicKey key = checkKey(csr.getSubjectPublicKeyInfo());
        List<SubjectAltName> sans = requestedSans(csr);
        String cn = commonName(csr);
        if (cn == null) {
            if (sans.isEmpty()) {
                throw new InvalidCsrException("certificate request names no subject (no CN and no subjectAltName)");
            }
            cn = sans.get(0).value();
        }
        if (cn.isBlank() || cn.length() > 64) {
            throw new InvalidCsrException("certificate request common name must be 1 to 64 characters");
        }
        return new SigningRequest(cn, sans, SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    private static PKCS10CertificationRequest decode(byte[] encoded) {
        String text = new String(encoded, StandardCharsets.US_ASCII);
        try {
            if (text.contains("-----BEGIN")) {
                try (PEMParser parser = new PEMParser(new StringReader(text))) {
                    Object object = parser.readObject();
                    if (object instanceof PKCS10CertificationRequest csr) {
                        return csr;
                    }
                    throw new InvalidCsrException("not a certificate request (PEM block is not CERTIFICATE REQUEST)");
                }
            }
            return new PKCS10CertificationRequest(encoded);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidCsrException invalid) {
                throw invalid;
            }
            throw new InvalidCsrException("malformed certificate request (not PKCS#10 PEM or DER)");
        }
    }

    private static void verifySignature(PKCS10CertificationRequest csr) {
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build(csr.getSubjectPublicKeyInfo()));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw new InvalidCsrException("certificate request signature is invalid (proof of possession failed)");
        }
    }

    private static PublicKey checkKey(SubjectPublicKeyInfo info) {
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().setProvider(Providers.bouncyCastle()).getPublicKey(info);
        } catch (Exception e) {
            throw new InvalidCsrException("certificate request carries an unreadable public key");
        }
        KeyType type;
        try {
            type = KeyType.of(key);
        } catch (RuntimeException e) {
            throw new InvalidCsrException(
                    "certificate request key algorithm " + key.getAlgorithm() + " is not accepted");
        }
        if (type == KeyType.RSA && ((RSAKey) key).getModulus().bitLength() < 2048) {
            throw new InvalidCsrException("certificate request RSA key is shorter than 2048 bits");
        }
        if (type == KeyType.EC) {
            int bits = ((ECKey) key).getParams().getOrder().bitLength();
            if (bits != 256 && bits != 384) {
                throw new InvalidCsrException("certificate request EC key must be on P-256 or P-384");
            }
        }
        return key;
    }

    private static List<SubjectAltName> requestedSans(PKCS10CertificationRequest csr) {
        List<SubjectAltName> sans = new ArrayList<>();
        try {
            for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
                for (ASN1Encodable value : attribute.getAttrValues()) {
                    GeneralNames names = GeneralNames.fromExtensions(
                            Extensions.getInstance(value), Extension.subjectAlternativeName);
                    if (names != null) {
                        for (GeneralName name : names.getNames()) {
                            sans.add(SubjectAltName.fromGeneralName(name));
                        }
                    }
                }
            }
        } catch (com.phoenixidp.pki.PkiException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidCsrException("certificate request extension request is malformed");
        }
        return sans;
    }

    private static @Nullable String commonName(PKCS10CertificationRequest csr) {
        RDN[] rdns = csr.getSubject().getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return null;
        }
        if (rdns.length > 1 || rdns[0].isMultiValued()) {
            throw new InvalidCsrException("certificate request has more than one common name");
        }
        return ((ASN1String) rdns[0].getFirst().getValue()).getString();
    }
}
