package com.phoenixidp.resourceserver.revocation;

import com.phoenixidp.resourceserver.tls.ClientCertificate;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.jspecify.annotations.Nullable;

/**
 * Hard-fail revocation check of TLS client certificates through the issuing CA's OCSP responder
 * (RFC 6960). Answers are cached per certificate thumbprint for at most the configured window
 * (never more than 60 s, never beyond the answer's {@code nextUpdate}); concurrent requests for the
 * same certificate share one OCSP call. A failure to obtain a status is not cached as "good": the
 * caller refuses the request.
 */
public final class RevocationChecker {

    private static final int MAX_CACHED = 10_000;

    private final OcspClient ocsp;

    private final List<X509Certificate> trustedIssuers;

    private final @Nullable URI responderOverride;

    private final Duration cacheWindow;

    private final Clock clock;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private final Map<String, CompletableFuture<OcspClient.Answer>> inFlight = new ConcurrentHashMap<>();

    public RevocationChecker(
            OcspClient ocsp,
            List<X509Certificate> trustedIssuers,
            @Nullable URI responderOverride,
            Duration cacheWindow,
            Clock clock) {
        this.ocsp = ocsp;
        this.trustedIssuers = List.copyOf(trustedIssuers);
        this.responderOverride = responderOverride;
        this.cacheWindow = cacheWindow;
        this.clock = clock;
    }

    private record Cached(OcspClient.Answer answer, Instant expires) {}

    /** The status of the client certificate, from the cache when fresh, else from the responder. */
    public OcspClient.Answer check(ClientCertificate certificate) throws RevocationUnavailableException {
        Instant now = this.clock.instant();
        Cached cached = this.cache.get(certificate.thumbprint());
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.answer();
        }
        CompletableFuture<OcspClient.Answer> mine = new CompletableFuture<>();
        CompletableFuture<OcspClient.Answer> running = this.inFlight.putIfAbsent(certificate.thumbprint(), mine);
        if (running != null) {
            return await(running);
        }
        try {
            OcspClient.Answer answer = fetch(certificate);
            remember(certificate.thumbprint(), answer);
            mine.complete(answer);
            return answer;
        } catch (RevocationUnavailableException | RuntimeException ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            this.inFlight.remove(certificate.thumbprint(), mine);
        }
    }

    private OcspClient.Answer fetch(ClientCertificate certificate) throws RevocationUnavailableException {
        X509Certificate issuer = findIssuer(certificate);
        URI responder = (this.responderOverride != null) ? this.responderOverride : ocspUrlOf(certificate.leaf());
        if (responder == null) {
            throw new RevocationUnavailableException("certificate serial " + certificate.serialHex()
                    + " names no OCSP responder (AIA) and phoenix.resource.ocsp-url is not set");
        }
        return this.ocsp.check(certificate.leaf(), issuer, responder);
    }

    private void remember(String thumbprint, OcspClient.Answer answer) {
        Instant expires = this.clock.instant().plus(this.cacheWindow);
        Instant nextUpdate = answer.nextUpdate();
        if (nextUpdate != null && nextUpdate.isBefore(expires)) {
            expires = nextUpdate;
        }
        if (this.cache.size() >= MAX_CACHED) {
            this.cache.clear();
        }
        this.cache.put(thumbprint, new Cached(answer, expires));
    }

    private static OcspClient.Answer await(CompletableFuture<OcspClient.Answer> running)
            throws RevocationUnavailableException {
        try {
            return running.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RevocationUnavailableException("Interrupted while waiting for OCSP", ex);
        } catch (ExecutionException ex) {
            if (ex.getCause() instanceof RevocationUnavailableException unavailable) {
                throw unavailable;
            }
            throw new RevocationUnavailableException("OCSP check failed: " + ex.getCause(), ex.getCause());
        }
    }

    /** The issuer from the presented chain, else from the trusted CA certificates; signature-checked. */
    private X509Certificate findIssuer(ClientCertificate certificate) throws RevocationUnavailableException {
        X509Certificate leaf = certificate.leaf();
        for (List<X509Certificate> candidates :
                List.of(certificate.chain().subList(1, certificate.chain().size()), this.trustedIssuers)) {
            for (X509Certificate candidate : candidates) {
                if (candidate.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
                        && signedBy(leaf, candidate)) {
                    return candidate;
                }
            }
        }
        throw new RevocationUnavailableException("issuer of certificate serial " + certificate.serialHex() + " ("
                + leaf.getIssuerX500Principal().getName() + ") not found for the OCSP request");
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception ex) {
            return false;
        }
    }

    /** RFC 5280 section 4.2.2.1: the id-ad-ocsp access location of the Authority Information Access. */
    static @Nullable URI ocspUrlOf(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return null;
        }
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(extension).getOctets());
        for (AccessDescription description : aia.getAccessDescriptions()) {
            GeneralName location = description.getAccessLocation();
            if (AccessDescription.id_ad_ocsp.equals(description.getAccessMethod())
                    && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                return URI.create(ASN1IA5String.getInstance(location.getName()).getString());
            }
        }
        return null;
    }
}
