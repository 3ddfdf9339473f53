package com.phoenixidp.authserver.keys;

import com.phoenixidp.crypto.keys.SigningKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every node re-reads the signing keys every {@code phoenix.keys.reload-interval}, so a rotation
 * done on another node is signed with and published here within that interval. Cheap when nothing
 * changed: one small query, no decryption.
 */
@Component
public class SigningKeyReloader {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyReloader.class);

    private final SigningKeyManager keys;

    public SigningKeyReloader(SigningKeyManager keys) {
        this.keys = keys;
    }

    @Scheduled(
            fixedDelayString = "${phoenix.keys.reload-interval:5s}",
            initialDelayString = "${phoenix.keys.reload-interval:5s}")
    public void reloadKeys() {
        try {
            this.keys.reload();
        } catch (RuntimeException ex) {
            LOG.error("Could not reload signing keys: {}", ex.getMessage());
        }
    }
}
