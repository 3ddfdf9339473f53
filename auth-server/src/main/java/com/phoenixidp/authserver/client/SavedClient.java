package com.phoenixidp.authserver.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of creating or changing a client: the client as stored and, only when the server
 * generated one just now, the new plain secret, to be shown to the caller once and then
 * forgotten (the store keeps its keyed hash only). {@link #toString()} never shows the secret.
 */
public record SavedClient(StoredClient client, @Nullable String generatedSecret) {

    public SavedClient {
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "SavedClient[clientId=" + this.client.clientId() + ", generatedSecret="
                + ((this.generatedSecret != null) ? "***" : "none") + "]";
    }
}
