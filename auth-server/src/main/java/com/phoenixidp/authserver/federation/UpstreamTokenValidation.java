package com.phoenixidp.authserver.federation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestOperations;

/**
 * Decoders of upstream ID tokens (OIDC Core 3.1.3.7): the signature checked with a key from the
 * provider's JWK set (fetched with timeouts, cached, re-fetched for an unknown {@code kid}) under
 * an asymmetric algorithm the provider advertises ({@code id_token_signing_alg_values_supported};
 * RS256 when it says nothing; never {@code none} or a MAC), then {@code iss}, {@code aud},
 * {@code azp}, {@code exp} and {@code iat} ({@link OidcIdTokenValidator}). The {@code nonce} is
 * compared by Spring Security's OIDC code-flow provider with the one sent.
 */
final class UpstreamTokenValidation implements JwtDecoderFactory<ClientRegistration> {

    private static final Set<String> ASYMMETRIC =
            Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

    private final RestOperations http;

    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    UpstreamTokenValidation(RestOperations http) {
        this.http = http;
    }

    @Override
    public JwtDecoder createDecoder(ClientRegistration registration) {
        return this.decoders.computeIfAbsent(registration.getRegistrationId(), (alias) -> decoder(registration));
    }

    private JwtDecoder decoder(ClientRegistration registration) {
        Set<SignatureAlgorithm> algorithms =
                algorithms(registration.getProviderDetails().getConfigurationMetadata());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        registration.getProviderDetails().getJwkSetUri())
                .jwsAlgorithms((set) -> set.addAll(algorithms))
                .restOperations(this.http)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), new OidcIdTokenValidator(registration)));
        decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
        return decoder;
    }

    static Set<SignatureAlgorithm> algorithms(Map<String, Object> metadata) {
        Set<SignatureAlgorithm> algorithms = new LinkedHashSet<>();
        if (metadata != null && metadata.get("id_token_signing_alg_values_supported") instanceof List<?> advertised) {
            for (Object name : advertised) {
                if (name instanceof String alg && ASYMMETRIC.contains(alg)) {
                    algorithms.add(SignatureAlgorithm.from(alg));
                }
            }
        }
        if (algorithms.isEmpty()) {
            algorithms.add(SignatureAlgorithm.RS256);
        }
        return algorithms;
    }
}
