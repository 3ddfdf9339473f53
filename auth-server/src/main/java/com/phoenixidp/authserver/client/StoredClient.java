package com.phoenixidp.authserver.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A client as stored: its definition (never with the secret) and when its client_id was issued
 * (RFC 7591 {@code client_id_issued_at}).
 */
public record StoredClient(ClientDefinition definition, Instant issuedAt) {

    public StoredClient {
        Objects.requireNonNull(definition, "definition");
    }

    public String clientId() {
        return Objects.requireNonNull(this.definition.getClientId(), "a stored client has its client id");
    }
}
