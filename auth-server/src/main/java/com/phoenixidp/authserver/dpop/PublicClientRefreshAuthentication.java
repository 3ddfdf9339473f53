package com.phoenixidp.authserver.dpop;

import com.phoenixidp.authserver.client.PublicClientAuthentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * A public client (auth method {@code none}) at a refresh token request: {@code client_id} and no
 * credentials. A public client's refresh token here is always bound to its DPoP key (RFC 9449
 * section 5), which {@link DPoPTokenRequests} and SAS check, so the client id alone is enough to
 * name the client; it must be registered for the refresh token grant.
 */
final class PublicClientRefreshAuthentication {

    private PublicClientRefreshAuthentication() {}

    static PublicClientAuthentication at(String tokenEndpoint) {
        return new PublicClientAuthentication(
                tokenEndpoint,
                (request) -> AuthorizationGrantType.REFRESH_TOKEN
                        .getValue()
                        .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE)),
                AuthorizationGrantType.REFRESH_TOKEN,
                "phoenix.public_client_refresh",
                "https://datatracker.ietf.org/doc/html/rfc6749#section-3.2.1");
    }
}
