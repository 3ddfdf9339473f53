package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.crypto.keys.KeyDecryptionException;
import com.phoenixidp.crypto.keys.MasterKeyException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the start-up failures an operator can fix (bad bootstrap entry, missing or wrong master
 * key) into a clear message instead of a stack trace.
 */
public final class StartupFailureAnalyzer extends AbstractFailureAnalyzer<RuntimeException> {

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, RuntimeException cause) {
        Throwable t = rootFailure;
        while (t != null) {
            if (t instanceof BootstrapException bootstrap) {
                return new FailureAnalysis(
                        "Invalid bootstrap configuration: " + bootstrap.getMessage(),
                        "Fix that entry in your configuration (phoenix.bootstrap.*) and start again. Nothing was changed.",
                        bootstrap);
            }
            if (t instanceof KeyDecryptionException key) {
                return new FailureAnalysis(
                        "The stored signing keys cannot be decrypted: " + key.getMessage(),
                        "Start with the master key that encrypted them (PHOENIX_MASTER_KEY or phoenix.master-key-file). "
                                + "Nothing on disk was changed.",
                        key);
            }
            if (t instanceof com.phoenixidp.authserver.ca.CaConfigurationException ca) {
                return new FailureAnalysis(
                        "The certificate authority cannot be used: " + ca.getMessage(),
                        "Set PHOENIX_CA_PASSWORD or phoenix.ca.password-file, or unset phoenix.ca.dir.",
                        ca);
            }
            if (t instanceof com.phoenixidp.pki.PkiException pki) {
                return new FailureAnalysis(
                        "The certificate authority in phoenix.ca.dir cannot be opened: " + pki.getMessage(),
                        "Check phoenix.ca.dir and the CA passphrase (PHOENIX_CA_PASSWORD or phoenix.ca.password-file). "
                                + "Nothing in the CA directory was changed.",
                        pki);
            }
            if (t instanceof MasterKeyException master) {
                return new FailureAnalysis(
                        "No usable master key: " + master.getMessage(),
                        "Set PHOENIX_MASTER_KEY to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`), or "
                                + "phoenix.master-key-file to a file holding it, or run with --spring.profiles.active=demo "
                                + "for a generated development key.",
                        master);
            }
            t = t.getCause();
        }
        return null;
    }
}
