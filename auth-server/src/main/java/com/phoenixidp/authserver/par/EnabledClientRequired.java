package com.phoenixidp.authserver.par;

import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import java.util.function.Consumer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;

/**
 * The authorization endpoint refuses a disabled client ({@link PhoenixClientSettings#ENABLED}) as
 * it refuses an unknown one: {@code invalid_request} on the error page, never a redirect (its
 * redirect URI is not checked first, and nothing of the disabled client is trusted). The first
 * authorization request validator, so Spring Authorization Server applies it before the user is
 * asked to sign in too.
 */
final class EnabledClientRequired implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        if (PhoenixClientSettings.isEnabled(context.getRegisteredClient())) {
            return;
        }
        // no authorization request in the exception: the error page, not a redirect
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(
                        OAuth2ErrorCodes.INVALID_REQUEST,
                        "This application is disabled.",
                        "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1"),
                null);
    }
}
