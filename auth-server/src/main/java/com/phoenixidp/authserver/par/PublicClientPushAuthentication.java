package com.phoenixidp.authserver.par;

import com.phoenixidp.authserver.client.PublicClientAuthentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;

/**
 * A public client (auth method {@code none}) at the pushed authorization request endpoint: RFC
 * 9126 section 2.1 lets it push with its {@code client_id} alone; it must send a PKCE
 * {@code code_challenge} (checked again by Spring's request validation) and be registered for the
 * authorization code grant.
 */
final class PublicClientPushAuthentication {

    private PublicClientPushAuthentication() {}

    static PublicClientAuthentication at(String parEndpoint) {
        return new PublicClientAuthentication(
                parEndpoint,
                (request) -> request.getParameter(PkceParameterNames.CODE_CHALLENGE) != null,
                AuthorizationGrantType.AUTHORIZATION_CODE,
                "phoenix.public_client_push",
                "https://datatracker.ietf.org/doc/html/rfc9126#section-2.1");
    }
}
