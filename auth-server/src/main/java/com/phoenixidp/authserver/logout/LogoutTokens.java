package com.phoenixidp.authserver.logout;

import com.phoenixidp.authserver.config.PhoenixProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Logout tokens (OpenID Connect Back-Channel Logout 1.0 section 2.4), signed with the server's
 * ID-token key (RS256, the key manager's active key, published in the JWK set): header
 * {@code typ: logout+jwt} (section 2.4, to keep them from passing for ID tokens); claims
 * {@code iss}, {@code aud} (the client), {@code iat}, {@code exp} (two minutes), a fresh
 * {@code jti}, {@code sub} and {@code sid} of the ended session, and {@code events} naming the
 * back-channel logout event; never a {@code nonce} (section 2.4: it MUST NOT contain one).
 */
@Component
class LogoutTokens {

    static final String TYPE = "logout+jwt";

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    static final Duration TTL = Duration.ofMinutes(2);

    private final JwtEncoder encoder;

    private final PhoenixProperties properties;

    private final Clock clock;

    LogoutTokens(JwtEncoder encoder, PhoenixProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    /** A newly signed logout token for {@code clientId} about session {@code sid} of {@code subject}. */
    String create(String clientId, String subject, String sid) {
        Instant now = this.clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(this.properties.getIssuer())
                .audience(List.of(clientId))
                .issuedAt(now)
                .expiresAt(now.plus(TTL))
                .id(UUID.randomUUID().toString())
                .subject(subject)
                .claim("sid", sid)
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type(TYPE).build();
        return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
