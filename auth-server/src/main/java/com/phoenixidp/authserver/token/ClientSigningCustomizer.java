package com.phoenixidp.authserver.token;

import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Signs each client's tokens with the JWS algorithm it chose (RFC 7518 section 3.1, RFC 8037):
 * access tokens per {@link PhoenixClientSettings#accessTokenSignatureAlgorithm}; ID tokens get
 * Spring Authorization Server's {@code TokenSettings.idTokenSignatureAlgorithm} (RS256 or ES256)
 * unless the client chose EdDSA, which that setting cannot hold. {@link PhoenixJwtEncoder} picks
 * the signing key by the header's {@code alg}.
 */
public final class ClientSigningCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    @Override
    public void customize(JwtEncodingContext context) {
        RegisteredClient client = context.getRegisteredClient();
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            algorithm(PhoenixClientSettings.accessTokenSignatureAlgorithm(client), context);
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            algorithm(PhoenixClientSettings.idTokenSignatureAlgorithm(client), context);
        }
    }

    private static void algorithm(String name, JwtEncodingContext context) {
        PhoenixJwsAlgorithms algorithm = PhoenixJwsAlgorithms.from(name).orElse(PhoenixJwsAlgorithms.RS256);
        context.getJwsHeader().algorithm(algorithm.toJwsAlgorithm());
    }
}
