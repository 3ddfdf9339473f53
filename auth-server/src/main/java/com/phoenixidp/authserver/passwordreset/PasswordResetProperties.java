package com.phoenixidp.authserver.passwordreset;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Forgotten-password links under {@code phoenix.password-reset.*}. The links are sent through
 * Spring Boot's {@code spring.mail.*} SMTP settings; without {@code spring.mail.host} no link is
 * offered. The link's base is always {@code phoenix.issuer}.
 */
@ConfigurationProperties("phoenix.password-reset")
public class PasswordResetProperties {

    /** How long a link works after it was sent. */
    private Duration ttl = Duration.ofMinutes(15);

    /** The sender of the mail; empty = {@code no-reply@<host of phoenix.issuer>}. */
    private @Nullable String from;

    /** At most one link per account this often (keeps the form from flooding a mailbox). */
    private Duration resendInterval = Duration.ofMinutes(1);

    public Duration getTtl() {
        return this.ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public @Nullable String getFrom() {
        return this.from;
    }

    public void setFrom(@Nullable String from) {
        this.from = from;
    }

    public Duration getResendInterval() {
        return this.resendInterval;
    }

    public void setResendInterval(Duration resendInterval) {
        this.resendInterval = resendInterval;
    }
}
