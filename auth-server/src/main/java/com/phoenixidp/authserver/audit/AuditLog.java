package com.phoenixidp.authserver.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit stream: security events (logins, tokens issued and revoked, key rotation, passkeys,
 * certificates) written to their own logger, {@code phoenix.audit}, as {@code key=value} pairs.
 * Callers pass stable identifiers only (client_id, username, jti, a hash): never a token,
 * secret, password or key.
 */
@Component
public final class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("phoenix.audit");

    /**
     * Records an event done by {@code actor} (an admin client, a console user, bootstrap ...),
     * with {@code actor}, {@code channel} and {@code address} added to the attributes. Use the
     * keys {@code user} (username) and {@code client} (client_id) for whom the event concerns,
     * and dotted type names ({@code user.created}, {@code client.secret_rotated}).
     */
    public void event(String type, com.phoenixidp.authserver.management.Actor actor, Object... keyValues) {
        Object[] all = new Object[keyValues.length + 6];
        all[0] = "actor";
        all[1] = actor.name();
        all[2] = "channel";
        all[3] = actor.channel();
        all[4] = "address";
        all[5] = actor.address();
        System.arraycopy(keyValues, 0, all, 6, keyValues.length);
        event(type, all);
    }

    /** Records one event with its attributes, in the given order. */
    public void event(String type, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues must come in pairs");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            attributes.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        if (LOG.isInfoEnabled()) {
            StringBuilder line = new StringBuilder("event=").append(type);
            attributes.forEach((k, v) -> line.append(' ').append(k).append('=').append(sanitize(v)));
            LOG.info(line.toString());
        }
    }

    private static String sanitize(Object value) {
        if (value == null) {
            return "-";
        }
        String s = String.valueOf(value).replaceAll("[\\r\\n\\t ]", "_");
        return (s.length() > 200) ? s.substring(0, 200) : s;
    }
}
