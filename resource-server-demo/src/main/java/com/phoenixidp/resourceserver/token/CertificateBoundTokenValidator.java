package com.phoenixidp.resourceserver.token;

import com.phoenixidp.resourceserver.tls.ClientCertificate;
import com.phoenixidp.resourceserver.tls.ClientCertificateResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * RFC 8705 section 3: a certificate-bound access token carries {@code cnf.x5t#S256}; the resource
 * server accepts it only if that equals the SHA-256 thumbprint of the client certificate of the
 * TLS connection the token arrived on. Optionally (default) unbound bearer tokens are refused altogether.
 * <p>
 * Used instead of Spring Security's package-private {@code X509CertificateThumbprintValidator} so the
 * thumbprint is taken from the per-certificate cache, compared in constant time, other confirmation
 * methods are refused rather than ignored, and bound tokens can be required. A DPoP-bound token
 * ({@code cnf.jkt}, RFC 9449) is refused as a bearer token (section 7.1); presented with the DPoP
 * scheme ({@link #dpop}) its key binding is checked by the DPoP proof verifier, and an
 * {@code x5t#S256} it also carries still has to match.
 */
public final class CertificateBoundTokenValidator implements OAuth2TokenValidator<Jwt> {

    static final String CNF = "cnf";

    static final String X5T_S256 = "x5t#S256";

    static final String JKT = "jkt";

    private static final Logger logger = LoggerFactory.getLogger(CertificateBoundTokenValidator.class);

    private static final String RFC = "https://datatracker.ietf.org/doc/html/rfc8705#section-3";

    private static final String RFC_DPOP = "https://datatracker.ietf.org/doc/html/rfc9449#section-7.1";

    private final ClientCertificateResolver certificates;

    private final boolean requireBound;

    private final boolean dpop;

    /** For tokens presented as {@code Authorization: Bearer}. */
    public CertificateBoundTokenValidator(ClientCertificateResolver certificates, boolean requireBound) {
        this(certificates, requireBound, false);
    }

    private CertificateBoundTokenValidator(ClientCertificateResolver certificates, boolean requireBound, boolean dpop) {
        this.certificates = certificates;
        this.requireBound = requireBound;
        this.dpop = dpop;
    }

    /** For tokens presented as {@code Authorization: DPoP}: {@code x5t#S256} checked when present. */
    public static CertificateBoundTokenValidator dpop(ClientCertificateResolver certificates) {
        return new CertificateBoundTokenValidator(certificates, false, true);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Object cnf = jwt.getClaims().get(CNF);
        if (cnf == null) {
            return this.requireBound
                    ? failure(jwt, "the token is not certificate-bound (no cnf claim)")
                    : OAuth2TokenValidatorResult.success();
        }
        if (!(cnf instanceof Map<?, ?> confirmation)) {
            return failure(jwt, "the token's cnf claim is not an object");
        }
        if (!(confirmation.get(X5T_S256) instanceof String expected)) {
            if (this.dpop) {
                return OAuth2TokenValidatorResult.success();
            }
            if (confirmation.containsKey(JKT)) {
                return dpopBoundAsBearer(jwt);
            }
            return failure(jwt, "the token's cnf claim carries no x5t#S256 confirmation");
        }
        ClientCertificate certificate = this.certificates.current();
        if (certificate == null) {
            return failure(jwt, "the connection has no client certificate");
        }
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                certificate.thumbprint().getBytes(StandardCharsets.US_ASCII))) {
            return failure(jwt, "cnf.x5t#S256 does not match the client certificate serial " + certificate.serialHex());
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(Jwt jwt, String detail) {
        log(jwt, detail);
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The access token is not bound to the client certificate of this connection",
                RFC));
    }

    private static OAuth2TokenValidatorResult dpopBoundAsBearer(Jwt jwt) {
        log(jwt, "a DPoP-bound token (cnf.jkt) was presented as a bearer token");
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The access token is DPoP-bound: present it with the DPoP scheme and a DPoP proof",
                RFC_DPOP));
    }

    private static void log(Jwt jwt, String detail) {
        logger.info(
                "Rejected access token (sub={}, client_id={}, jti={}): {}",
                jwt.getSubject(),
                jwt.getClaimAsString("client_id"),
                jwt.getId(),
                detail);
    }
}
