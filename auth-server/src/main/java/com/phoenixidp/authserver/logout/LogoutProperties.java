package com.phoenixidp.authserver.logout;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery of OpenID Connect Back-Channel Logout tokens ({@code phoenix.logout.*}): how often
 * each node looks for due deliveries, how long one POST may take, and the retry schedule of a
 * client that did not answer 2xx: {@code first-retry}, doubled after every further failure, at
 * most {@code max-retry-interval} apart, given up (and audited) {@code give-up-after} the session
 * ended.
 */
@ConfigurationProperties("phoenix.logout")
public class LogoutProperties {

    /** Wait before the first retry of a failed delivery (doubled after each further failure). */
    private Duration firstRetry = Duration.ofSeconds(5);

    /** Longest wait between two attempts. */
    private Duration maxRetryInterval = Duration.ofHours(1);

    /** A logout token still not delivered this long after its session ended is given up. */
    private Duration giveUpAfter = Duration.ofHours(24);

    /** How often each node looks for due deliveries. */
    private Duration pollInterval = Duration.ofSeconds(1);

    /** Connect and response timeout of one delivery. */
    private Duration requestTimeout = Duration.ofSeconds(5);

    public Duration getFirstRetry() {
        return this.firstRetry;
    }

    public void setFirstRetry(Duration firstRetry) {
        this.firstRetry = firstRetry;
    }

    public Duration getMaxRetryInterval() {
        return this.maxRetryInterval;
    }

    public void setMaxRetryInterval(Duration maxRetryInterval) {
        this.maxRetryInterval = maxRetryInterval;
    }

    public Duration getGiveUpAfter() {
        return this.giveUpAfter;
    }

    public void setGiveUpAfter(Duration giveUpAfter) {
        this.giveUpAfter = giveUpAfter;
    }

    public Duration getPollInterval() {
        return this.pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getRequestTimeout() {
        return this.requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /** The wait after the {@code failures}-th failed attempt: first-retry * 2^(failures-1), capped. */
    Duration retryDelay(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = this.firstRetry.multipliedBy(1L << doublings);
        return (delay.compareTo(this.maxRetryInterval) > 0) ? this.maxRetryInterval : delay;
    }
}
