package com.phoenixidp.authserver.housekeeping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code phoenix.housekeeping.*}: how often expired rows are deleted (by one node of the cluster
 * at a time) and how long after expiry they are kept.
 */
@ConfigurationProperties("phoenix.housekeeping")
public class HousekeepingProperties {

    /** How often a node tries to run housekeeping (the run happens on whichever node takes the lock). */
    private Duration interval = Duration.ofMinutes(5);

    /** How long expired rows are kept after they expired (for investigations; tests use 0). */
    private Duration grace = Duration.ofHours(1);

    /** Rows deleted per statement (each batch is its own short transaction). */
    private int batchSize = 1000;

    public Duration getInterval() {
        return this.interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getGrace() {
        return this.grace;
    }

    public void setGrace(Duration grace) {
        this.grace = grace;
    }

    public int getBatchSize() {
        return this.batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
