package com.phoenixidp.authserver.dpop;

import com.phoenixidp.authserver.client.PublicClientAuthentication;
import com.phoenixidp.authserver.token.JtiReplayCache;
import java.time.Clock;
import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * DPoP (RFC 9449) at the token endpoint, on Spring Authorization Server's built-in support (proof
 * verification in each grant provider, {@code cnf.jkt}, {@code token_type: DPoP}, key check at a
 * public client's refresh) with what it lacks: a proof check whose {@code jti} memory is shared by
 * every node and whose {@code htu} is built from the issuer, {@code require-dpop} per client, and
 * DPoP-bound refresh tokens for public clients ({@link DPoPTokenRequests}).
 */
@Component
public class DPoPSupport {

    private final DPoPProofs proofs;

    private final PublicClientRefreshTokens refreshTokens;

    private final RegisteredClientRepository clients;

    public DPoPSupport(
            JtiReplayCache jtis,
            Clock clock,
            OAuth2AuthorizationService authorizations,
            RegisteredClientRepository clients) {
        this.proofs = new DPoPProofs(jtis, clock);
        this.refreshTokens = new PublicClientRefreshTokens(authorizations, clock);
        this.clients = clients;
    }

    /** Public clients refreshing with their DPoP-bound refresh token are identified by client id. */
    public void configure(OAuth2AuthorizationServerConfigurer as, String tokenEndpoint) {
        PublicClientAuthentication publicClients = PublicClientRefreshAuthentication.at(tokenEndpoint);
        as.clientAuthentication((clientAuthentication) -> clientAuthentication
                .authenticationConverter(publicClients.converter())
                .authenticationProvider(publicClients.provider(this.clients)));
    }

    /** Wraps every token endpoint grant provider with the DPoP rules. */
    public void tokenProviders(List<AuthenticationProvider> providers) {
        providers.replaceAll((provider) -> new DPoPTokenRequests(provider, this.proofs, this.refreshTokens));
    }
}
