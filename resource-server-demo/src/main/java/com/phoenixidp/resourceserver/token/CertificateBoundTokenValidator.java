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
 * TLS connection the token arrived on. Optionally (default) unbound tokens are refused altogether.
 * <p>
 * Used instead of Spring Security's package-private {@code X509CertificateThumbprintValidator} so the
 * thumbprint is taken from the per-certificate cache, compared in constant time, other confirmation
 * methods (e.g. DPoP {@code jkt}, RFC 9449) are refused rather than ignored, and bound tokens can be required.
 */
public final class CertificateBoundTokenValidator implements OAuth2TokenValidator<Jwt> {

    static final String CNF = "cnf";

    static final String X5T_S256 = "x5t#S256";

    private static final Logger logger = LoggerFactory.getLogger(CertificateBoundTokenValidator.class);

    private static final String RFC = "https://datatracker.ietf.org/doc/html/rfc8705#section-3";

    private final ClientCertificateResolver certificates;

    private final boolean requireBound;

    public CertificateBoundTokenValidator(ClientCertificateResolver certificates, boolean requireBound) {
        this.certificates = certificates;
        this.requireBound = requireBound;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Object cnf = jwt.getClaims().get(CNF);
        if (cnf == null) {
            return this.requireBound
                    ? failure(jwt, "the token is not certificate-bound (no cnf claim)")
                    : OAuth2TokenValidatorResult.success();
        }
        if (!(cnf instanceof Map<?, ?> confirmation) || !(confirmation.get(X5T_S256) instanceof String expected)) {
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
        logger.info(
                "Rejected access token (sub={}, client_id={}, jti={}): {}",
                jwt.getSubject(),
                jwt.getClaimAsString("client_id"),
                jwt.getId(),
                detail);
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN,
                "The access token is not bound to the client certificate of this connection",
                RFC));
    }
}
