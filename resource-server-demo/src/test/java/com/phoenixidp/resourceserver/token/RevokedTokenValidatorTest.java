package com.phoenixidp.resourceserver.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

class RevokedTokenValidatorTest {

    private final RevokedTokenListTest.MutableClock clock =
            new RevokedTokenListTest.MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

    private final RevokedTokenListTest.FakeSource source = new RevokedTokenListTest.FakeSource();

    private final RevokedTokenList list =
            new RevokedTokenList(this.source, Duration.ofSeconds(2), Duration.ofSeconds(60), false, this.clock);

    private final RevokedTokenValidator validator = new RevokedTokenValidator(this.list);

    /** The disabled client's cut-off: its tokens issued before this second are revoked. */
    private final Instant notBefore = this.clock.instant().minusSeconds(30);

    @BeforeEach
    void listRevokedJtiAndClient() {
        this.source.answer(
                new RevokedTokenList.Entries(
                        Map.of("revoked-jti", this.clock.instant().plusSeconds(300)),
                        Map.of(
                                "demo-service",
                                new RevokedTokenList.RevokedClient(
                                        this.notBefore, this.clock.instant().plusSeconds(3600)))),
                "W/\"1\"");
        this.list.refresh();
    }

    @Test
    void validateWhenJtiListedThenInvalidTokenRevoked() {
        assertRevoked(this.validator.validate(token((jwt) -> jwt.jti("revoked-jti"))));
    }

    @Test
    void validateWhenNeitherJtiNorClientListedThenSuccess() {
        assertThat(this.validator.validate(token((jwt) -> {})).hasErrors()).isFalse();
    }

    @Test
    void validateWhenClientListedAndIssuedBeforeNotBeforeThenInvalidTokenRevoked() {
        Jwt issuedBefore =
                token((jwt) -> jwt.claim("client_id", "demo-service").issuedAt(this.notBefore.minusSeconds(1)));

        assertRevoked(this.validator.validate(issuedBefore));
    }

    @Test
    void validateWhenClientListedAndNoIatThenInvalidTokenRevoked() {
        Jwt withoutIat =
                token((jwt) -> jwt.claim("client_id", "demo-service").claims((claims) -> claims.remove("iat")));
        assertThat(withoutIat.getIssuedAt()).isNull();

        assertRevoked(this.validator.validate(withoutIat));
    }

    @Test
    void validateWhenClientListedAndIssuedAtOrAfterNotBeforeThenSuccess() {
        Jwt issuedAt = token((jwt) -> jwt.claim("client_id", "demo-service").issuedAt(this.notBefore));
        Jwt issuedAfter =
                token((jwt) -> jwt.claim("client_id", "demo-service").issuedAt(this.notBefore.plusSeconds(1)));

        assertThat(this.validator.validate(issuedAt).hasErrors())
                .as("iat == not_before")
                .isFalse();
        assertThat(this.validator.validate(issuedAfter).hasErrors())
                .as("iat > not_before")
                .isFalse();
    }

    @Test
    void validateWhenAnotherClientIssuedBeforeNotBeforeThenSuccess() {
        Jwt otherClient =
                token((jwt) -> jwt.claim("client_id", "other-service").issuedAt(this.notBefore.minusSeconds(600)));
        Jwt noClientId = token(
                (jwt) -> jwt.claims((claims) -> claims.remove("client_id")).issuedAt(this.notBefore.minusSeconds(600)));

        assertThat(this.validator.validate(otherClient).hasErrors()).isFalse();
        assertThat(this.validator.validate(noClientId).hasErrors()).isFalse();
    }

    @Test
    void validateWhenClientNoLongerListedThenSuccess() {
        Jwt issuedBefore =
                token((jwt) -> jwt.claim("client_id", "demo-service").issuedAt(this.notBefore.minusSeconds(1)));
        this.source.answer(Map.of(), "W/\"2\"");
        this.list.refresh();

        assertThat(this.validator.validate(issuedBefore).hasErrors()).isFalse();
    }

    /** An access token of client {@code test-client} issued now, as the IdP issues them, changed by {@code tweak}. */
    private Jwt token(Consumer<Jwt.Builder> tweak) {
        Jwt.Builder jwt = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .header("typ", "at+jwt")
                .subject("alice")
                .claim("client_id", "test-client")
                .jti("jti-1")
                .issuedAt(this.clock.instant())
                .expiresAt(this.clock.instant().plusSeconds(300));
        tweak.accept(jwt);
        return jwt.build();
    }

    private static void assertRevoked(OAuth2TokenValidatorResult result) {
        assertThat(result.getErrors())
                .extracting(OAuth2Error::getErrorCode, OAuth2Error::getDescription)
                .containsExactly(tuple(OAuth2ErrorCodes.INVALID_TOKEN, "The access token has been revoked"));
    }
}
