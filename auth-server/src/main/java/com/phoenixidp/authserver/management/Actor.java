package com.phoenixidp.authserver.management;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who performs a management operation, for the audit stream: an admin client (client
 * credentials), a signed-in admin user (console), the user themself (account pages), a SCIM
 * provisioning client, or bootstrap configuration.
 *
 * @param name the client id or username that acted ({@code bootstrap} for configuration)
 * @param channel how: {@code scim}, {@code admin-api}, {@code registration}, {@code console},
 *     {@code account}, {@code bootstrap}
 * @param address the client's IP address, or null
 */
public record Actor(String name, String channel, @Nullable String address) {

    public static final Actor BOOTSTRAP = new Actor("bootstrap", "bootstrap", null);

    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
    }
}
