package com.phoenixidp.authserver.grant;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Public-client identification for the device flow (RFC 8628 section 3.1 and 3.4: a device
 * "client_id" without credentials), which Spring Authorization Server only accepts with PKCE code
 * requests. Matches a device authorization request or a device-code token request that carries
 * a {@code client_id} and no client credentials of any kind; others are left to the standard
 * converters.
 */
public final class DeviceClientAuthenticationConverter implements AuthenticationConverter {

    /** Marks the tokens this converter makes, the only ones {@link DeviceClientAuthenticationProvider} takes. */
    static final String MARKER = "phoenix.device_public_client";

    private final String deviceAuthorizationEndpoint;

    private final String tokenEndpoint;

    public DeviceClientAuthenticationConverter(String deviceAuthorizationEndpoint, String tokenEndpoint) {
        this.deviceAuthorizationEndpoint = deviceAuthorizationEndpoint;
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean deviceRequest = this.deviceAuthorizationEndpoint.equals(path)
                || (this.tokenEndpoint.equals(path)
                        && AuthorizationGrantType.DEVICE_CODE
                                .getValue()
                                .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE)));
        if (!deviceRequest
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
                || request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
            return null;
        }
        String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
        if (clientIds == null || clientIds.length != 1 || !StringUtils.hasText(clientIds[0])) {
            return null;
        }
        return new OAuth2ClientAuthenticationToken(
                clientIds[0], ClientAuthenticationMethod.NONE, null, java.util.Map.of(MARKER, true));
    }
}
