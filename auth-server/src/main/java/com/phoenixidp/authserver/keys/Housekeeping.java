package com.phoenixidp.authserver.keys;

import com.phoenixidp.authserver.token.HashedTokenAuthorizationService;
import com.phoenixidp.crypto.keys.SigningKeyManager;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.stereotype.Component;

/**
 * Periodic work every node does: re-read signing keys (another node may have rotated them) and
 * delete authorizations whose every token expired more than a day ago.
 */
@Component
public class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final SigningKeyManager keys;

    private final OAuth2AuthorizationService authorizations;

    private final Clock clock;

    public Housekeeping(SigningKeyManager keys, OAuth2AuthorizationService authorizations, Clock clock) {
        this.keys = keys;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${phoenix.keys.reload-interval:60s}",
            initialDelayString = "${phoenix.keys.reload-interval:60s}")
    public void reloadKeys() {
        try {
            this.keys.reload();
        } catch (RuntimeException ex) {
            LOG.error("Could not reload signing keys: {}", ex.getMessage());
        }
    }

    @Scheduled(fixedDelay = 15, initialDelay = 5, timeUnit = java.util.concurrent.TimeUnit.MINUTES)
    public void purgeExpiredAuthorizations() {
        if (this.authorizations instanceof HashedTokenAuthorizationService hashed) {
            int removed = hashed.purgeExpired(this.clock.instant().minus(Duration.ofDays(1)));
            if (removed > 0) {
                LOG.info("Removed {} expired authorizations", removed);
            }
        }
    }
}
