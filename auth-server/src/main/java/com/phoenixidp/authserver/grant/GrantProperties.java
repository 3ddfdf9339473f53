package com.phoenixidp.authserver.grant;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the additional grants ({@code phoenix.grants.*}): the device flow's polling
 * interval (RFC 8628 section 3.2/3.5) and the cap on implicit-grant access token lifetimes.
 */
@ConfigurationProperties("phoenix.grants")
public class GrantProperties {

    /** Minimum time between two polls of one device code; faster polls answer {@code slow_down}. */
    private Duration devicePollInterval = Duration.ofSeconds(5);

    /** Upper bound of an implicit-grant access token's lifetime (the client's TTL if shorter). */
    private Duration implicitMaxAccessTokenTtl = Duration.ofMinutes(5);

    public Duration getDevicePollInterval() {
        return this.devicePollInterval;
    }

    public void setDevicePollInterval(Duration devicePollInterval) {
        this.devicePollInterval = devicePollInterval;
    }

    public Duration getImplicitMaxAccessTokenTtl() {
        return this.implicitMaxAccessTokenTtl;
    }

    public void setImplicitMaxAccessTokenTtl(Duration implicitMaxAccessTokenTtl) {
        this.implicitMaxAccessTokenTtl = implicitMaxAccessTokenTtl;
    }
}
