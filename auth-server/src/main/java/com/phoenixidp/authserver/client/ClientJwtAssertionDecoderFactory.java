package com.phoenixidp.authserver.client;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.phoenixidp.authserver.token.JtiReplayCache;
import com.phoenixidp.authserver.token.TokenHashes;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.client.RestTemplate;

/**
 * Decoders for {@code private_key_jwt} client assertions (RFC 7523 section 3, OIDC Core 9): the
 * client's keys come from its inline JWK set (RFC 7591 {@code jwks}, kept in the client setting
 * {@link RegisteredClientMapper#JWKS}) or from its {@code jwks_uri}, as Spring Authorization
 * Server's own {@link JwtClientAssertionDecoderFactory} does for the URL. Unlike that factory,
 * which keeps one decoder per client for the life of the process, a decoder here is keyed by the
 * client's key source too, so a changed {@code jwks} or {@code jwks_uri} takes effect at once.
 * Claims are checked by {@link ClientAssertionValidator} (stricter than Spring's default: aud the
 * issuer or token endpoint, at most 5 minutes from iat to exp, jti single use on every node).
 */
public final class ClientJwtAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

    private static final int MAX_CACHED = 1_000;

    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    private final JwtClientAssertionDecoderFactory others = new JwtClientAssertionDecoderFactory();

    private final RestTemplate rest;

    private final JtiReplayCache jtis;

    private final Clock clock;

    public ClientJwtAssertionDecoderFactory(JtiReplayCache jtis, Clock clock) {
        this.jtis = Objects.requireNonNull(jtis, "jtis");
        this.clock = Objects.requireNonNull(clock, "clock");
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(15_000);
        requests.setReadTimeout(15_000);
        this.rest = new RestTemplate(requests);
    }

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        JwsAlgorithm algorithm = client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm();
        if (!(algorithm instanceof SignatureAlgorithm signature)) {
            return this.others.createDecoder(client); // client_secret_jwt: not offered here, Spring's rules
        }
        String jwks = client.getClientSettings().getSetting(RegisteredClientMapper.JWKS);
        String url = client.getClientSettings().getJwkSetUrl();
        String source = (jwks != null) ? "jwks:" + TokenHashes.hash(jwks) : "url:" + url;
        String key = client.getId() + '|' + signature.getName() + '|' + source;
        if (this.decoders.size() > MAX_CACHED) {
            this.decoders.clear();
        }
        return this.decoders.computeIfAbsent(key, (k) -> build(client, signature, jwks, url));
    }

    private NimbusJwtDecoder build(RegisteredClient client, SignatureAlgorithm algorithm, String jwks, String url) {
        NimbusJwtDecoder decoder;
        if (jwks != null) {
            try {
                decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(JWKSet.parse(jwks)))
                        .jwsAlgorithm(algorithm)
                        .build();
            } catch (ParseException ex) {
                throw invalidClient(client, "its registered jwks is not a JWK set");
            }
        } else if (url != null && !url.isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(url)
                    .jwsAlgorithm(algorithm)
                    .restOperations(this.rest)
                    .build();
        } else {
            throw invalidClient(client, "it has neither jwks nor jwks_uri");
        }
        decoder.setClaimSetConverter(ClientAssertionValidator.claimsAsSent());
        decoder.setJwtValidator(new ClientAssertionValidator(client, this.jtis, this.clock));
        return decoder;
    }

    private static OAuth2AuthenticationException invalidClient(RegisteredClient client, String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_CLIENT,
                "Cannot verify client assertions of client '" + client.getClientId() + "': " + why,
                "https://datatracker.ietf.org/doc/html/rfc7523#section-3"));
    }
}
