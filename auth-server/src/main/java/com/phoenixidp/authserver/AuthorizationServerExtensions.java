package com.phoenixidp.authserver;

import com.phoenixidp.authserver.dpop.DPoPSupport;
import com.phoenixidp.authserver.par.PushedAuthorizationRequests;
import java.util.List;
import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * What Phoenix adds to Spring Authorization Server's endpoints beyond the extra grants
 * ({@code AdditionalGrants}), through the configurer's hooks: pushed authorization requests
 * (RFC 9126) with RFC 8707 resource checks at the authorization and PAR endpoints
 * ({@link PushedAuthorizationRequests}), DPoP (RFC 9449) at the token endpoint
 * ({@link DPoPSupport}). The composition root ({@link AuthorizationServerConfiguration}) calls
 * {@link #configure} and passes the provider hooks and metadata on.
 */
@Component
public class AuthorizationServerExtensions {

    private final DPoPSupport dpop;

    private final PushedAuthorizationRequests par;

    public AuthorizationServerExtensions(DPoPSupport dpop, PushedAuthorizationRequests par) {
        this.dpop = dpop;
        this.par = par;
    }

    /** Endpoint settings beyond the provider hooks. */
    public void configure(OAuth2AuthorizationServerConfigurer as, AuthorizationServerSettings settings) {
        this.dpop.configure(as, settings.getTokenEndpoint());
        this.par.configure(as, settings.getPushedAuthorizationRequestEndpoint());
    }

    /** The authorization endpoint's providers: request validation (RFC 8707 resources, PAR requirement). */
    public void authorizationProviders(List<AuthenticationProvider> providers) {
        this.par.authorizationProviders(providers);
    }

    /** The token endpoint's providers: DPoP proofs and DPoP-bound refresh tokens of public clients. */
    public void tokenProviders(List<AuthenticationProvider> providers) {
        this.dpop.tokenProviders(providers);
    }

    /**
     * Metadata of both discovery documents (RFC 8414, OIDC Discovery): RFC 9207 {@code iss} in
     * every authorization response; RFC 9126 PAR endpoint, required per client only.
     */
    public static void advertise(Map<String, Object> claims, String issuer) {
        claims.put("authorization_response_iss_parameter_supported", true);
        claims.put("require_pushed_authorization_requests", false);
        claims.put("pushed_authorization_request_endpoint", withoutTrailingSlash(issuer) + "/oauth2/par");
    }

    private static String withoutTrailingSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
