package com.phoenixidp.authserver.dpop;

import com.phoenixidp.authserver.token.JtiReplayCache;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Verifies DPoP proofs sent to the token endpoint (RFC 9449 section 4.3) with this server's
 * rules ({@link DPoPProofValidator}) on top of Spring's proof decoder; a proof that fails is
 * {@code invalid_dpop_proof} (section 5). Spring Authorization Server's grant providers verify the
 * proof again with their defaults and bind the tokens; this is the stricter, multi-node check.
 */
final class DPoPProofs {

    private static final Logger LOG = LoggerFactory.getLogger(DPoPProofs.class);

    private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

    DPoPProofs(JtiReplayCache jtis, Clock clock) {
        Objects.requireNonNull(jtis, "jtis");
        Objects.requireNonNull(clock, "clock");
        this.decoders.setJwtValidatorFactory(
                (context) -> new DPoPProofValidator(context, tokenEndpoint(), jtis, clock));
    }

    /** The verified proof; throws {@code invalid_dpop_proof}. */
    Jwt verify(String proof, String method) {
        try {
            DPoPProofContext context = DPoPProofContext.withDPoPProof(proof)
                    .method(method)
                    .targetUri(tokenEndpoint())
                    .build();
            return this.decoders.createDecoder(context).decode(proof);
        } catch (JwtException | IllegalArgumentException ex) {
            LOG.info("Refused a DPoP proof at the token endpoint: {}", ex.getMessage());
            throw invalidProof("The DPoP proof is invalid.");
        }
    }

    static OAuth2AuthenticationException invalidProof(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_DPOP_PROOF,
                description,
                "https://datatracker.ietf.org/doc/html/rfc9449#section-5"));
    }

    /** The token endpoint URL under this request's issuer (the configured phoenix.issuer). */
    private static String tokenEndpoint() {
        AuthorizationServerContext context = AuthorizationServerContextHolder.getContext();
        return UriComponentsBuilder.fromUriString(context.getIssuer())
                .path(context.getAuthorizationServerSettings().getTokenEndpoint())
                .build()
                .toUriString();
    }
}
