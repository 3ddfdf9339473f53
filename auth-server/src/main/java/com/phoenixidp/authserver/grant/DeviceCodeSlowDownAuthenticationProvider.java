package com.phoenixidp.authserver.grant;

import com.phoenixidp.authserver.token.TokenHashes;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;

/**
 * The {@code slow_down} answer of RFC 8628 section 3.5, which Spring Authorization Server does not
 * implement. It wraps {@code OAuth2DeviceCodeAuthenticationProvider} in the token endpoint's
 * provider list (a provider placed before it cannot answer: {@code ProviderManager} goes on to the
 * next provider after a failure): while a device code is still pending, a poll sooner than the
 * interval after the previous one fails with {@code slow_down} (and the interval grows by 5
 * seconds); otherwise Spring's provider answers ({@code authorization_pending},
 * {@code expired_token}, {@code access_denied} or the tokens).
 */
public final class DeviceCodeSlowDownAuthenticationProvider implements AuthenticationProvider {

    static final String SLOW_DOWN = "slow_down";

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCodeSlowDownAuthenticationProvider.class);

    private static final OAuth2TokenType DEVICE_CODE = new OAuth2TokenType(OAuth2ParameterNames.DEVICE_CODE);

    private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8628#section-3.5";

    private final AuthenticationProvider delegate;

    private final OAuth2AuthorizationService authorizations;

    private final DevicePollStore polls;

    private final Duration interval;

    private final Clock clock;

    public DeviceCodeSlowDownAuthenticationProvider(
            AuthenticationProvider delegate,
            OAuth2AuthorizationService authorizations,
            DevicePollStore polls,
            Duration interval,
            Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.authorizations = Objects.requireNonNull(authorizations, "authorizations");
        this.polls = Objects.requireNonNull(polls, "polls");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
        checkPollingRate((OAuth2DeviceCodeAuthenticationToken) authentication);
        return this.delegate.authenticate(authentication);
    }

    private void checkPollingRate(OAuth2DeviceCodeAuthenticationToken request) {
        if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || !client.isAuthenticated()
                || client.getRegisteredClient() == null) {
            return;
        }
        OAuth2Authorization authorization = this.authorizations.findByToken(request.getDeviceCode(), DEVICE_CODE);
        if (authorization == null
                || !client.getRegisteredClient().getId().equals(authorization.getRegisteredClientId())) {
            return;
        }
        OAuth2Authorization.Token<OAuth2DeviceCode> deviceCode = authorization.getToken(OAuth2DeviceCode.class);
        OAuth2Authorization.Token<OAuth2UserCode> userCode = authorization.getToken(OAuth2UserCode.class);
        boolean pending = deviceCode != null
                && userCode != null
                && !deviceCode.isExpired()
                && !deviceCode.isInvalidated()
                && !userCode.isInvalidated();
        LOG.debug("Device code {} polled; pending: {}", TokenHashes.fingerprint(request.getDeviceCode()), pending);
        if (!pending) {
            this.polls.forget(request.getDeviceCode());
            return;
        }
        DevicePollStore.Poll poll = this.polls.record(
                request.getDeviceCode(),
                this.clock.instant(),
                this.interval.toSeconds(),
                deviceCode.getToken().getExpiresAt());
        if (poll.tooFast()) {
            LOG.debug(
                    "Device code {} of client {} polled too fast: slow_down (interval now {} s)",
                    TokenHashes.fingerprint(request.getDeviceCode()),
                    client.getRegisteredClient().getClientId(),
                    poll.intervalSeconds());
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    SLOW_DOWN,
                    "Polling too fast: wait at least " + poll.intervalSeconds() + " seconds between requests.",
                    ERROR_URI));
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OAuth2DeviceCodeAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
