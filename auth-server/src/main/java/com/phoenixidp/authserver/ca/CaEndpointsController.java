package com.phoenixidp.authserver.ca;

import com.phoenixidp.pki.export.Pem;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CA's public endpoints: root and intermediate certificates (PEM), the current CRL (DER,
 * RFC 5280), and the OCSP responder (RFC 6960, POST here, GET per appendix A.1 in {@link OcspGetFilter}). The CRL is
 * re-signed at most every {@link #CRL_REFRESH}; OCSP answers are computed per request from the
 * ledger, so a revocation is visible at once.
 */
@RestController
@ConditionalOnProperty(prefix = "phoenix.ca", name = "dir")
public class CaEndpointsController {

    static final Duration CRL_REFRESH = Duration.ofSeconds(30);

    private static final MediaType PEM = MediaType.parseMediaType("application/x-pem-file");

    private static final MediaType PKIX_CRL = MediaType.parseMediaType("application/pkix-crl");

    private static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");

    private final CertificateAuthorityHolder authority;

    private volatile @Nullable CachedCrl crl;

    /** The encoded CRL and when it was made (not a record: an array component would compare by identity). */
    private static final class CachedCrl {

        private final byte[] der;

        private final long createdNanos;

        CachedCrl(byte[] der, long createdNanos) {
            this.der = der;
            this.createdNanos = createdNanos;
        }

        byte[] der() {
            return this.der;
        }

        long createdNanos() {
            return this.createdNanos;
        }
    }

    public CaEndpointsController(CertificateAuthorityHolder authority) {
        this.authority = authority;
    }

    @GetMapping("/pki/root.crt")
    public ResponseEntity<String> root() {
        return ResponseEntity.ok()
                .contentType(PEM)
                .body(Pem.certificate(this.authority.get().rootCertificate()));
    }

    @GetMapping("/pki/intermediate.crt")
    public ResponseEntity<String> intermediate() {
        return ResponseEntity.ok()
                .contentType(PEM)
                .body(Pem.certificate(this.authority.get().intermediateCertificate()));
    }

    @GetMapping("/pki/ca-chain.crt")
    public ResponseEntity<String> chain() {
        return ResponseEntity.ok()
                .contentType(PEM)
                .body(Pem.certificates(this.authority.get().chain()));
    }

    @GetMapping("/pki/crl")
    public ResponseEntity<byte[]> crl() throws CRLException {
        CachedCrl current = this.crl;
        if (current == null || System.nanoTime() - current.createdNanos() > CRL_REFRESH.toNanos()) {
            synchronized (this) {
                current = this.crl;
                if (current == null || System.nanoTime() - current.createdNanos() > CRL_REFRESH.toNanos()) {
                    X509CRL fresh = this.authority.get().currentCrl();
                    current = new CachedCrl(fresh.getEncoded(), System.nanoTime());
                    this.crl = current;
                }
            }
        }
        return ResponseEntity.ok()
                .contentType(PKIX_CRL)
                .cacheControl(CacheControl.maxAge(CRL_REFRESH))
                .body(current.der());
    }

    @GetMapping("/pki/root.crl")
    public ResponseEntity<byte[]> rootCrl() throws CRLException {
        return ResponseEntity.ok()
                .contentType(PKIX_CRL)
                .body(this.authority.get().rootCrl().getEncoded());
    }

    @PostMapping(path = "/pki/ocsp", consumes = "application/ocsp-request")
    public ResponseEntity<byte[]> ocspPost(@RequestBody byte[] request) {
        return ocsp(request);
    }

    private ResponseEntity<byte[]> ocsp(byte[] request) {
        byte[] response = this.authority.get().ocspResponder().respond(request);
        return ResponseEntity.ok()
                .contentType(OCSP_RESPONSE)
                .cacheControl(CacheControl.noStore())
                .body(response);
    }
}
