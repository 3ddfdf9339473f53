package com.phoenixidp.pki.ocsp;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.CaSigner;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.revocation.RevocationReason;
import com.phoenixidp.pki.store.CertificateRecord;
import com.phoenixidp.pki.store.CertificateStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * An RFC 6960 OCSP responder for the certificates the intermediate issued, transport-free:
 * {@link #respond(byte[])} takes a DER OCSPRequest and returns a DER OCSPResponse, so the
 * auth-server and the standalone {@link OcspHttpServer} share it. Every answer reads the ledger
 * (no caching), so a revocation by any process is visible on the next request. The response is
 * signed by the intermediate itself (RFC 6960 4.2.2.2, the CA that issued the certificate) and
 * carries the intermediate certificate; the request nonce (4.4.1) is echoed.
 */
public final class OcspResponder {

    private static final Logger LOG = Logger.getLogger(OcspResponder.class.getName());
    private static final int MAX_REQUESTS = 32;

    private final X509CertificateHolder issuer;
    private final CaSigner signer;
    private final CertificateStore store;
    private final Clock clock;
    private final Duration nextUpdate;
    private final DigestCalculatorProvider digests;
    private final SubjectPublicKeyInfo responderKey;

    /**
     * @param issuer     the intermediate certificate (issuer of the leaves and OCSP signer)
     * @param signer     the intermediate's signing handle
     * @param store      the ledger
     * @param clock      time source
     * @param nextUpdate how long a client may rely on an answer (nextUpdate - thisUpdate)
     */
    public OcspResponder(
            X509Certificate issuer, CaSigner signer, CertificateStore store, Clock clock, Duration nextUpdate) {
        try {
            this.issuer = new JcaX509CertificateHolder(Objects.requireNonNull(issuer, "issuer"));
            this.digests = new JcaDigestCalculatorProviderBuilder()
                    .setProvider(Providers.bouncyCastle())
                    .build();
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new PkiException("cannot set up OCSP responder", e);
        }
        this.signer = Objects.requireNonNull(signer, "signer");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextUpdate = Objects.requireNonNull(nextUpdate, "nextUpdate");
        this.responderKey = this.issuer.getSubjectPublicKeyInfo();
    }

    /** Answers a DER-encoded OCSPRequest with a DER-encoded OCSPResponse; never throws for bad input. */
    public byte[] respond(byte[] request) {
        try {
            OCSPReq ocspRequest;
            try {
                ocspRequest = new OCSPReq(request);
            } catch (Exception e) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST);
            }
            Req[] requests = ocspRequest.getRequestList();
            if (requests.length == 0 || requests.length > MAX_REQUESTS) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST);
            }
            return sign(ocspRequest, requests).getEncoded();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "OCSP responder failed", e);
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    private OCSPResp sign(OCSPReq request, Req[] requests) throws OCSPException {
        Instant now = clock.instant();
        Date thisUpdate = Date.from(now);
        Date next = Date.from(now.plus(nextUpdate));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(responderKey, sha1()));
        for (Req single : requests) {
            CertificateID id = single.getCertID();
            builder.addResponse(id, statusOf(id), thisUpdate, next, null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        BasicOCSPResp basic = builder.build(signer.contentSigner(), new X509CertificateHolder[] {issuer}, thisUpdate);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
    }

    /** RFC 6960 2.2: good, revoked, or unknown (not issued by this CA / not in the ledger). */
    private CertificateStatus statusOf(CertificateID id) throws OCSPException {
        if (!id.matchesIssuer(issuer, digests)) {
            return new UnknownStatus();
        }
        Optional<CertificateRecord> record = store.find(id.getSerialNumber());
        if (record.isEmpty()) {
            return new UnknownStatus();
        }
        CertificateRecord found = record.get();
        Instant revokedAt = found.revokedAt();
        if (revokedAt != null) {
            RevocationReason reason =
                    Objects.requireNonNull(found.revocationReason(), "revoked certificate without revocation reason");
            return new RevokedStatus(Date.from(revokedAt), reason.code());
        }
        return CertificateStatus.GOOD;
    }

    private org.bouncycastle.operator.DigestCalculator sha1() {
        try {
            return digests.get(RespID.HASH_SHA1);
        } catch (OperatorCreationException e) {
            throw new PkiException("SHA-1 digest unavailable", e);
        }
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new PkiException("cannot encode OCSP status", e);
        }
    }
}
