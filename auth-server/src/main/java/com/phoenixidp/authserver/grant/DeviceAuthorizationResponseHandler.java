package com.phoenixidp.authserver.grant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2DeviceAuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2DeviceAuthorizationResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The device authorization response (RFC 8628 section 3.2) as Spring Authorization Server writes
 * it, plus the {@code interval} the slow-down check enforces, and a verification URI on the issuer.
 */
public final class DeviceAuthorizationResponseHandler implements AuthenticationSuccessHandler {

    private final HttpMessageConverter<OAuth2DeviceAuthorizationResponse> converter =
            new OAuth2DeviceAuthorizationResponseHttpMessageConverter();

    private final String verificationUri;

    private final Duration interval;

    public DeviceAuthorizationResponseHandler(String verificationUri, Duration interval) {
        this.verificationUri = verificationUri;
        this.interval = interval;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        OAuth2DeviceAuthorizationRequestAuthenticationToken result =
                (OAuth2DeviceAuthorizationRequestAuthenticationToken) authentication;
        String complete = UriComponentsBuilder.fromUriString(this.verificationUri)
                .queryParam(OAuth2ParameterNames.USER_CODE, result.getUserCode().getTokenValue())
                .build()
                .toUriString();
        OAuth2DeviceAuthorizationResponse body = OAuth2DeviceAuthorizationResponse.with(
                        result.getDeviceCode(), result.getUserCode())
                .verificationUri(this.verificationUri)
                .verificationUriComplete(complete)
                .interval(this.interval.toSeconds())
                .build();
        response.setHeader("Cache-Control", "no-store");
        this.converter.write(body, null, new ServletServerHttpResponse(response));
    }
}
