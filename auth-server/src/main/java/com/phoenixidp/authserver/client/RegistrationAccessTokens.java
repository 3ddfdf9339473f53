package com.phoenixidp.authserver.client;

import com.phoenixidp.authserver.token.TokenHashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Registration access tokens of dynamically registered clients (RFC 7592 section 1.1, RFC 7591
 * section 3.2.1): 256 random bits, handed out once; table {@code phoenix_client_registration}
 * keeps only their SHA-256 hash ({@link TokenHashes}), one per client.
 */
@Component
public final class RegistrationAccessTokens {

    private static final int TOKEN_BYTES = 32;

    private final JdbcOperations jdbc;

    private final SecureRandom random;

    private final Clock clock;

    public RegistrationAccessTokens(JdbcOperations jdbc, SecureRandom random, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Issues a new token for the client (replacing any earlier one); returns it, the only time it is seen. */
    public String issue(String clientId) {
        byte[] bytes = new byte[TOKEN_BYTES];
        this.random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        this.jdbc.update("DELETE FROM phoenix_client_registration WHERE client_id = ?", clientId);
        this.jdbc.update(
                "INSERT INTO phoenix_client_registration (client_id, token_hash, created_at) VALUES (?, ?, ?)",
                clientId,
                TokenHashes.hash(token),
                Timestamp.from(this.clock.instant()));
        return token;
    }

    /** True when {@code presented} is the client's current token; the hashes are compared in constant time. */
    public boolean verify(String clientId, String presented) {
        if (clientId == null || presented == null || presented.isEmpty()) {
            return false;
        }
        List<String> stored = this.jdbc.queryForList(
                "SELECT token_hash FROM phoenix_client_registration WHERE client_id = ?", String.class, clientId);
        byte[] presentedHash = TokenHashes.hash(presented).getBytes(StandardCharsets.US_ASCII);
        byte[] storedHash = stored.isEmpty()
                ? TokenHashes.hash("no registration").getBytes(StandardCharsets.US_ASCII)
                : stored.get(0).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presentedHash, storedHash) && !stored.isEmpty();
    }

    /** Forgets the client's token (the client was deleted). */
    public void delete(String clientId) {
        this.jdbc.update("DELETE FROM phoenix_client_registration WHERE client_id = ?", clientId);
    }
}
