package com.phoenixidp.webauthn;

import com.phoenixidp.webauthn.authentication.AuthenticationService;
import com.phoenixidp.webauthn.challenge.ChallengeStore;
import com.phoenixidp.webauthn.challenge.JdbcChallengeStore;
import com.phoenixidp.webauthn.credential.JdbcPasskeyCredentialRepository;
import com.phoenixidp.webauthn.credential.PasskeyCredentialRepository;
import com.phoenixidp.webauthn.registration.RegisteredCredential;
import com.phoenixidp.webauthn.registration.RegistrationService;
import com.phoenixidp.webauthn.registration.RegistrationStart;
import com.phoenixidp.webauthn.registration.UserIdentity;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** Fixture: a relying party on an H2 database with JDBC stores and a hand-moved clock. */
public final class TestRelyingParty {

    public static final String RP_ID = "phoenix.example";
    public static final String ORIGIN = "https://phoenix.example";
    public static final String EVIL_ORIGIN = "https://phoenix.example.evil.test";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    public final SecureRandom random = new SecureRandom();
    public final DataSource dataSource;
    public final ChallengeStore challenges;
    public final PasskeyCredentialRepository credentials;
    public final RelyingPartyConfig config;
    public final RegistrationService registration;
    public final AuthenticationService authentication;

    private TestRelyingParty(RelyingPartyConfig config, DataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.challenges = new JdbcChallengeStore(dataSource);
        this.credentials = new JdbcPasskeyCredentialRepository(dataSource);
        this.registration = new RegistrationService(config, challenges, credentials, clock, random);
        this.authentication = new AuthenticationService(config, challenges, credentials, clock, random);
    }

    public static TestRelyingParty create() {
        return create(b -> b);
    }

    public static TestRelyingParty create(UnaryOperator<RelyingPartyConfig.Builder> customizer) {
        return create(customizer, TestDatabase.create());
    }

    /** A relying party with another RP ID sharing a database (for cross-RP scenarios). */
    public static TestRelyingParty create(String rpId, DataSource dataSource) {
        return new TestRelyingParty(
                RelyingPartyConfig.builder(rpId, "Other").allowedOrigin(ORIGIN).build(), dataSource);
    }

    private static TestRelyingParty create(
            UnaryOperator<RelyingPartyConfig.Builder> customizer, DataSource dataSource) {
        RelyingPartyConfig.Builder builder =
                RelyingPartyConfig.builder(RP_ID, "Phoenix IdP").allowedOrigin(ORIGIN);
        return new TestRelyingParty(customizer.apply(builder).build(), dataSource);
    }

    public UserIdentity newUser(String username) {
        return new UserIdentity(UserIdentity.newUserHandle(random), username, username.toUpperCase());
    }

    /** Runs a full registration ceremony through the JSON API. */
    public RegisteredCredential register(UserIdentity user, BrowserEmulator browser) {
        RegistrationStart start = registration.start(user, Optional.empty());
        return registration.finish(start.ceremonyId(), browser.create(start.optionsJson()), user.username() + "'s key");
    }
}
