package com.phoenixidp.authserver.bootstrap;

import com.phoenixidp.authserver.client.ClientDefinition;
import com.phoenixidp.authserver.client.ClientService;
import com.phoenixidp.authserver.client.ClientValidator;
import com.phoenixidp.authserver.client.SavedClient;
import com.phoenixidp.authserver.client.StoredClient;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.ManagementException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bootstrap adapter of {@link ClientService}: validates one {@code phoenix.bootstrap.clients}
 * entry (turning a refused field into a {@link BootstrapException} naming the entry), and creates
 * or updates the client to match, writing a generated secret to {@code <data-dir>/secrets/}.
 */
final class ClientBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(ClientBootstrap.class);

    private final ClientValidator validator = new ClientValidator();

    private final ClientService clients;

    private final SecretFiles secretFiles;

    ClientBootstrap(ClientService clients, SecretFiles secretFiles) {
        this.clients = clients;
        this.secretFiles = secretFiles;
    }

    /** Checks an entry without touching storage; throws {@link BootstrapException}. */
    void validate(String where, ClientDefinition entry) {
        try {
            this.validator.validate(entry);
        } catch (ManagementException ex) {
            throw failure(where, entry, ex);
        }
    }

    /** Creates or updates the client; returns the path of a newly generated secret, if any. */
    Optional<Path> apply(String where, ClientDefinition entry) {
        SavedClient saved;
        try {
            String clientId = entry.getClientId();
            Optional<StoredClient> current = (clientId != null) ? this.clients.find(clientId) : Optional.empty();
            if (current.isPresent() && !current.get().definition().isEnabled() && entry.isEnabled()) {
                LOG.warn(
                        "Client '{}' was disabled; {} enables it again (add 'enabled: false' to keep it disabled)",
                        clientId,
                        where);
            }
            saved = (clientId != null && current.isPresent())
                    ? this.clients.replace(clientId, entry, Actor.BOOTSTRAP)
                    : this.clients.create(entry, Actor.BOOTSTRAP);
        } catch (ManagementException ex) {
            throw failure(where, entry, ex);
        }
        if (saved.generatedSecret() == null) {
            return Optional.empty();
        }
        Path file = this.secretFiles.write(entry.getClientId() + ".secret", saved.generatedSecret());
        LOG.info("Generated a secret for client '{}': see {}", entry.getClientId(), file.toAbsolutePath());
        return Optional.of(file);
    }

    /** {@code phoenix.bootstrap.clients[i] (client-id 'x'): field: message} (no client id when it is the problem). */
    static BootstrapException failure(String where, ClientDefinition entry, ManagementException ex) {
        String at = "client-id".equals(ex.field()) && ex.reason() == ManagementException.Reason.INVALID_VALUE
                ? where
                : where + " (client-id '" + entry.getClientId() + "')";
        return new BootstrapException(at + ": " + ex.getMessage());
    }
}
