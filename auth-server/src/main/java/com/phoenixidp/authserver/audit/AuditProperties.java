package com.phoenixidp.authserver.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code phoenix.audit.*}: how long audit events are kept in the database. */
@ConfigurationProperties("phoenix.audit")
public class AuditProperties {

    /** Audit events older than this are deleted by housekeeping. */
    private Duration retention = Duration.ofDays(90);

    public Duration getRetention() {
        return this.retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }
}
