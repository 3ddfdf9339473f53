package com.phoenixidp.authserver.client;

import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.config.PhoenixProperties;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.management.ManagementException;
import com.phoenixidp.authserver.settings.PhoenixClientSettings;
import com.phoenixidp.crypto.secret.ClientSecretHasher;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The one place where OAuth clients are created, changed and removed, for every adapter:
 * bootstrap YAML, the admin API and RFC 7591/7592 dynamic registration. Rules live in
 * {@link ClientValidator}; secrets are generated here (256 bits), returned once and stored only
 * as a keyed hash ({@link ClientSecretHasher}); every change is an audit event
 * ({@code client.created}, {@code client.updated}, {@code client.secret_rotated},
 * {@code client.disabled}, {@code client.enabled}, {@code client.deleted}) naming the actor. A
 * disabled client is kept, and shown here, but cannot authenticate nor ask for authorization;
 * disabling it revokes everything issued to it. Changes are seen at once on this node and within
 * the client cache's lifetime (5 s) on the others.
 */
@Service
public final class ClientService {

    private final com.phoenixidp.authserver.token.TokenRevocation tokens;

    private final RegisteredClientRepository clients;

    private final JdbcOperations jdbc;

    private final TransactionOperations tx;

    private final ClientSecretHasher secretHasher;

    private final RegistrationAccessTokens registrations;

    private final SecureRandom random;

    private final Clock clock;

    private final AuditLog audit;

    private final ClientValidator validator = new ClientValidator();

    private final RegisteredClientMapper mapper;

    public ClientService(
            RegisteredClientRepository clients,
            JdbcOperations jdbc,
            TransactionOperations tx,
            ClientSecretHasher secretHasher,
            RegistrationAccessTokens registrations,
            PhoenixProperties properties,
            SecureRandom random,
            Clock clock,
            AuditLog audit,
            com.phoenixidp.authserver.token.TokenRevocation tokens) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.secretHasher = Objects.requireNonNull(secretHasher, "secretHasher");
        this.registrations = Objects.requireNonNull(registrations, "registrations");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.mapper = new RegisteredClientMapper(properties);
    }

    /** Checks a definition against every rule without touching storage. */
    public void validate(ClientDefinition definition) {
        this.validator.validate(definition);
    }

    /**
     * Creates a client. When its authentication method needs a secret and none is given, a
     * 256-bit secret is generated and returned (once) in {@link SavedClient#generatedSecret()}.
     *
     * @throws ManagementException conflict when the client id is taken, invalid when a rule is broken
     */
    public SavedClient create(ClientDefinition definition, Actor actor) {
        this.validator.validate(definition);
        String clientId = definition.getClientId();
        if (this.clients.findByClientId(clientId) != null) {
            throw ManagementException.conflict("client-id", "client id '" + clientId + "' is already taken");
        }
        String generated = null;
        String secretHash = null;
        if (ClientValidator.usesSecret(ClientValidator.authMethodsOf(definition))) {
            String secret = definition.getClientSecret();
            if (secret == null) {
                generated = ClientSecretHasher.generateSecret(this.random);
                secret = generated;
            }
            secretHash = this.secretHasher.hash(secret);
        }
        RegisteredClient client = this.mapper.toRegisteredClient(definition, null, secretHash, this.clock.instant());
        if (PhoenixClientSettings.isEnabled(client)) {
            this.tokens.beforeClientEnabled(client.getClientId()); // a client of this id deleted within the second
        }
        try {
            this.clients.save(client);
        } catch (DuplicateKeyException ex) {
            throw ManagementException.conflict("client-id", "client id '" + clientId + "' is already taken");
        }
        this.audit.event("client.created", actor, "client", clientId);
        return new SavedClient(stored(client), generated);
    }

    /**
     * Replaces a client's definition. A missing secret keeps the current one (or generates one
     * when the client now needs a secret and has none); a client that no longer uses a secret
     * loses it. Nothing is written (and no event recorded) when nothing changes.
     *
     * @throws ManagementException not found, or invalid (also when the definition names another client id)
     */
    public SavedClient replace(String clientId, ClientDefinition definition, Actor actor) {
        if (definition.getClientId() == null) {
            definition.setClientId(clientId);
        } else if (!definition.getClientId().equals(clientId)) {
            throw ManagementException.invalid("client-id", "does not match the client being changed");
        }
        this.validator.validate(definition);
        RegisteredClient existing = existing(clientId);
        String generated = null;
        String secretHash = null;
        if (ClientValidator.usesSecret(ClientValidator.authMethodsOf(definition))) {
            if (definition.getClientSecret() != null) {
                secretHash = this.secretHasher.hash(definition.getClientSecret());
            } else if (existing.getClientSecret() != null) {
                secretHash = existing.getClientSecret();
            } else {
                generated = ClientSecretHasher.generateSecret(this.random);
                secretHash = this.secretHasher.hash(generated);
            }
        }
        RegisteredClient client = this.mapper.toRegisteredClient(definition, existing, secretHash, null);
        if (client.equals(existing)) {
            return new SavedClient(stored(existing), null);
        }
        boolean wasEnabled = PhoenixClientSettings.isEnabled(existing);
        boolean enabled = PhoenixClientSettings.isEnabled(client);
        if (enabled && !wasEnabled) {
            this.tokens.beforeClientEnabled(clientId);
        }
        this.clients.save(client);
        // the enabled switch has events of its own; anything else changed is client.updated
        if (!client.equals(RegisteredClientMapper.withEnabled(existing, enabled))) {
            this.audit.event("client.updated", actor, "client", clientId);
        }
        if (wasEnabled != enabled) {
            switched(client, enabled, actor);
        }
        return new SavedClient(stored(client), generated);
    }

    /**
     * Disables or enables the client (the admin API, the console, phoenix-admin). A disabled
     * client is kept with its settings, consents and registration, but every client
     * authentication of it fails ({@code invalid_client}) and the authorization endpoint refuses
     * it. Disabling revokes every token issued to it, as deleting does: its authorizations go (no
     * refresh, introspection {@code active: false}) and the {@code jti}s of its live access tokens
     * onto the revocation list; enabling it again brings none of them back. Events
     * {@code client.disabled} and {@code client.enabled}, only when the state changes; disabling a
     * disabled client sweeps its tokens again (those another node issued before it saw the change).
     *
     * @throws ManagementException not found
     */
    public StoredClient setEnabled(String clientId, boolean enabled, Actor actor) {
        RegisteredClient existing = existing(clientId);
        if (PhoenixClientSettings.isEnabled(existing) == enabled) {
            if (!enabled) {
                this.tokens.revokeClient(existing.getId());
            }
            return stored(existing);
        }
        if (enabled) {
            this.tokens.beforeClientEnabled(clientId);
        }
        RegisteredClient client = RegisteredClientMapper.withEnabled(existing, enabled);
        this.clients.save(client);
        switched(client, enabled, actor);
        return stored(client);
    }

    /** After the switch is saved: a disabled client's tokens are revoked; the event. */
    private void switched(RegisteredClient client, boolean enabled, Actor actor) {
        if (!enabled) {
            // saved first, so that no new token is issued on this node while the old ones go
            this.tokens.revokeClient(client.getId());
        }
        this.audit.event(enabled ? "client.enabled" : "client.disabled", actor, "client", client.getClientId());
    }

    /** The client with this id, if any. */
    public Optional<StoredClient> find(@Nullable String clientId) {
        RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
        return Optional.ofNullable(client).map(ClientService::stored);
    }

    /** Every client, ordered by client id. */
    public List<StoredClient> list() {
        return this.jdbc
                .queryForList("SELECT client_id FROM oauth2_registered_client ORDER BY client_id", String.class)
                .stream()
                .map(this::find)
                .flatMap(Optional::stream)
                .toList();
    }

    /** True when {@code secret} is the client's current secret (constant-time comparison of keyed hashes). */
    public boolean secretMatches(String clientId, String secret) {
        RegisteredClient client = existing(clientId);
        return client.getClientSecret() != null && this.secretHasher.matches(secret, client.getClientSecret());
    }

    /**
     * Gives the client a new generated secret and returns it (once). The old secret stops working
     * at once on this node.
     *
     * @throws ManagementException not found, or invalid when the client does not use a secret
     */
    public String rotateSecret(String clientId, Actor actor) {
        RegisteredClient existing = existing(clientId);
        ClientDefinition definition = RegisteredClientMapper.toDefinition(existing);
        if (!ClientValidator.usesSecret(ClientValidator.authMethodsOf(definition))) {
            throw ManagementException.invalid(
                    "auth-methods", "client '" + clientId + "' does not authenticate with a secret");
        }
        String secret = ClientSecretHasher.generateSecret(this.random);
        this.clients.save(RegisteredClient.from(existing)
                .clientSecret(this.secretHasher.hash(secret))
                .build());
        this.audit.event("client.secret_rotated", actor, "client", clientId);
        return secret;
    }

    /**
     * Removes the client with everything issued to it: its authorizations (so its tokens are no
     * longer active: introspection, refresh, revocation), its consents and its registration
     * access token.
     *
     * @throws ManagementException not found
     */
    public void delete(String clientId, Actor actor) {
        RegisteredClient existing = existing(clientId);
        String id = existing.getId();
        this.tx.executeWithoutResult((status) -> {
            this.jdbc.update(
                    "DELETE FROM phoenix_used_refresh_token WHERE authorization_id IN"
                            + " (SELECT id FROM oauth2_authorization WHERE registered_client_id = ?)",
                    id);
            // every token of the client goes, and the jtis of live access tokens onto the revocation list
            this.tokens.revokeClient(id);
            this.jdbc.update("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?", id);
            this.registrations.delete(clientId);
            this.jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", id);
        });
        if (this.clients instanceof CachingRegisteredClientRepository cache) {
            cache.evictAll();
        }
        this.audit.event("client.deleted", actor, "client", clientId);
    }

    private RegisteredClient existing(String clientId) {
        RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
        if (client == null) {
            throw ManagementException.notFound("client '" + clientId + "'");
        }
        return client;
    }

    private static StoredClient stored(RegisteredClient client) {
        return new StoredClient(RegisteredClientMapper.toDefinition(client), client.getClientIdIssuedAt());
    }
}
