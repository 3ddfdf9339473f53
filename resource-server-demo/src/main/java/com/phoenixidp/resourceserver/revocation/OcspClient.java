package com.phoenixidp.resourceserver.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * A minimal RFC 6960 OCSP client: POSTs an {@code application/ocsp-request} (section 4.1, appendix A.1)
 * and accepts only an answer signed by the issuing CA or by a responder certificate the CA issued
 * for {@code id-kp-OCSPSigning} (section 4.2.2.2), for the certificate asked about, and fresh
 * ({@code thisUpdate} not in the future, {@code nextUpdate} not past; section 3.2).
 */
public final class OcspClient {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final HttpClient http;

    private final Duration timeout;

    private final Clock clock;

    public OcspClient(SSLContext trust, Duration timeout, Clock clock) {
        this.http = HttpClient.newBuilder()
                .sslContext(trust)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The certificate's status and until when the answer may be relied upon ({@code nextUpdate}, if given). */
    public record Answer(
            RevocationStatus status,
            @Nullable Instant nextUpdate,
            @Nullable Date revokedAt) {}

    public Answer check(X509Certificate certificate, X509Certificate issuer, URI responder)
            throws RevocationUnavailableException {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateID id = new CertificateID(
                    digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
            byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            HttpResponse<byte[]> response = this.http.send(
                    HttpRequest.newBuilder(responder)
                            .timeout(this.timeout)
                            .header("Content-Type", "application/ocsp-request")
                            .header("Accept", "application/ocsp-response")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new RevocationUnavailableException(
                        "OCSP responder " + responder + " answered HTTP " + response.statusCode());
            }
            OCSPResp ocsp = new OCSPResp(response.body());
            if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new RevocationUnavailableException(
                        "OCSP responder " + responder + " answered status " + ocsp.getStatus());
            }
            BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
            verifySignature(basic, issuer);
            return answerFor(basic, id, certificate.getSerialNumber());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RevocationUnavailableException("Interrupted while asking " + responder, ex);
        } catch (RevocationUnavailableException ex) {
            throw ex;
        } catch (IOException
                | RuntimeException
                | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.ocsp.OCSPException
                | java.security.cert.CertificateEncodingException ex) {
            throw new RevocationUnavailableException("OCSP request to " + responder + " failed: " + ex, ex);
        }
    }

    private Answer answerFor(BasicOCSPResp basic, CertificateID id, BigInteger serial)
            throws RevocationUnavailableException {
        Instant now = this.clock.instant();
        for (SingleResp single : basic.getResponses()) {
            if (!single.getCertID().equals(id)) {
                continue;
            }
            if (single.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
                throw new RevocationUnavailableException(
                        "OCSP answer for serial " + serial.toString(16) + " is from the future");
            }
            Instant nextUpdate =
                    (single.getNextUpdate() != null) ? single.getNextUpdate().toInstant() : null;
            if (nextUpdate != null && nextUpdate.isBefore(now.minus(SKEW))) {
                throw new RevocationUnavailableException("OCSP answer for serial " + serial.toString(16) + " is stale");
            }
            Object status = single.getCertStatus();
            if (status == null) {
                return new Answer(RevocationStatus.GOOD, nextUpdate, null);
            }
            if (status instanceof RevokedStatus revoked) {
                return new Answer(RevocationStatus.REVOKED, nextUpdate, revoked.getRevocationTime());
            }
            if (status instanceof UnknownStatus) {
                return new Answer(RevocationStatus.UNKNOWN, nextUpdate, null);
            }
        }
        throw new RevocationUnavailableException("OCSP answer does not cover serial " + serial.toString(16));
    }

    /** RFC 6960 section 4.2.2.2: signed by the CA itself, or by a delegated responder the CA issued. */
    private void verifySignature(BasicOCSPResp basic, X509Certificate issuer) throws RevocationUnavailableException {
        try {
            JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
            if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
                return;
            }
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (X509CertificateHolder responder : basic.getCerts()) {
                boolean delegated = responder.getIssuer().equals(issuerHolder.getSubject())
                        && responder.isSignatureValid(verifiers.build(issuer.getPublicKey()))
                        && responder.isValidOn(Date.from(this.clock.instant()))
                        && hasOcspSigning(responder);
                if (delegated && basic.isSignatureValid(verifiers.build(responder))) {
                    return;
                }
            }
        } catch (Exception ex) {
            throw new RevocationUnavailableException("OCSP answer signature could not be verified: " + ex, ex);
        }
        throw new RevocationUnavailableException("OCSP answer is not signed by the issuing CA or its responder");
    }

    private static boolean hasOcspSigning(X509CertificateHolder responder) {
        org.bouncycastle.asn1.x509.ExtendedKeyUsage eku =
                org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions());
        return eku != null && eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
    }
}
