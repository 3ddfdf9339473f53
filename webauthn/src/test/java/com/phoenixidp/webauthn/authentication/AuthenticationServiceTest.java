package com.phoenixidp.webauthn.authentication;

import static com.phoenixidp.webauthn.BrowserEmulator.b64u;
import static com.phoenixidp.webauthn.BrowserEmulator.fromB64u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.webauthn.BadChallengeException;
import com.phoenixidp.webauthn.BadOriginException;
import com.phoenixidp.webauthn.BadRpIdException;
import com.phoenixidp.webauthn.BadSignatureException;
import com.phoenixidp.webauthn.BrowserEmulator;
import com.phoenixidp.webauthn.ChallengeExpiredException;
import com.phoenixidp.webauthn.ChallengeReplayedException;
import com.phoenixidp.webauthn.CounterRegressionException;
import com.phoenixidp.webauthn.CredentialNotOwnedException;
import com.phoenixidp.webauthn.MalformedResponseException;
import com.phoenixidp.webauthn.TestRelyingParty;
import com.phoenixidp.webauthn.UnknownCredentialException;
import com.phoenixidp.webauthn.UserVerificationPolicy;
import com.phoenixidp.webauthn.UserVerificationRequiredException;
import com.phoenixidp.webauthn.credential.PasskeyCredential;
import com.phoenixidp.webauthn.registration.RegisteredCredential;
import com.phoenixidp.webauthn.registration.UserIdentity;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {

    private final TestRelyingParty rp = TestRelyingParty.create();
    private final PackedAuthenticator aliceAuthenticator = new PackedAuthenticator();
    private final BrowserEmulator aliceBrowser = BrowserEmulator.webAuthn(TestRelyingParty.ORIGIN, aliceAuthenticator);
    private final UserIdentity alice = rp.newUser("alice");

    @Test
    void finishWhenDiscoverableCredentialUsedWithoutUsernameThenOwnerIsSignedIn() {
        RegisteredCredential registered = rp.register(alice, aliceBrowser);
        rp.clock.advance(Duration.ofMinutes(1));
        AuthenticationStart start = rp.authentication.start(Optional.empty());

        AuthenticationResult result =
                rp.authentication.finish(start.ceremonyId(), aliceBrowser.get(start.optionsJson()));

        assertThat(result.userHandle()).isEqualTo(alice.userHandle());
        assertThat(result.credentialId()).isEqualTo(registered.credential().credentialId());
        assertThat(result.newCounter()).isEqualTo(2);
        assertThat(result.userVerified()).isTrue();
        assertThat(result.cloneSuspected()).isFalse();
        PasskeyCredential stored =
                rp.credentials.findByCredentialId(result.credentialId()).orElseThrow();
        assertThat(stored.signatureCount()).isEqualTo(2);
        assertThat(stored.lastUsedAt()).contains(rp.clock.instant());
    }

    @Test
    void startWhenNoUserThenOptionsHaveEmptyAllowCredentials() {
        AuthenticationStart start = rp.authentication.start(Optional.empty());

        Map<String, Object> options = BrowserEmulator.parse(start.optionsJson());
        assertThat(options).containsOnlyKeys("challenge", "timeout", "rpId", "allowCredentials", "userVerification");
        assertThat(fromB64u((String) options.get("challenge"))).hasSize(32);
        assertThat(options.get("rpId")).isEqualTo("phoenix.example");
        assertThat(options.get("allowCredentials")).isEqualTo(List.of());
        assertThat(options.get("userVerification")).isEqualTo("preferred");
        assertThat(((Number) options.get("timeout")).longValue()).isEqualTo(300_000L);
    }

    @Test
    void startWhenUserHasSeveralPasskeysThenAllowCredentialsListsThemAll() {
        RegisteredCredential first = rp.register(alice, aliceBrowser);
        RegisteredCredential second =
                rp.register(alice, BrowserEmulator.webAuthn(TestRelyingParty.ORIGIN, new PackedAuthenticator()));

        AuthenticationStart start = rp.authentication.start(Optional.of(alice.userHandle()));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> allow = (List<Map<String, Object>>)
                BrowserEmulator.parse(start.optionsJson()).get("allowCredentials");
        assertThat(allow)
                .extracting(d -> d.get("id"))
                .containsExactlyInAnyOrder(
                        first.credential().credentialIdBase64Url(),
                        second.credential().credentialIdBase64Url());
        assertThat(allow).allSatisfy(d -> assertThat(d).containsEntry("type", "public-key"));
    }

    @Test
    void finishWhenUserGivenAndOwnPasskeyUsedThenUserIsSignedIn() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.of(alice.userHandle()));

        AuthenticationResult result =
                rp.authentication.finish(start.ceremonyId(), aliceBrowser.get(start.optionsJson()));

        assertThat(result.userHandle()).isEqualTo(alice.userHandle());
    }

    @Test
    void finishWhenResponseAnswersAnotherCeremonysChallengeThenBadChallenge() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart first = rp.authentication.start(Optional.empty());
        AuthenticationStart second = rp.authentication.start(Optional.empty());
        String answerToSecond = aliceBrowser.get(second.optionsJson());

        assertThatThrownBy(() -> rp.authentication.finish(first.ceremonyId(), answerToSecond))
                .isExactlyInstanceOf(BadChallengeException.class);
    }

    @Test
    void finishWhenAssertionReplayedThenChallengeReplayed() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion = aliceBrowser.get(start.optionsJson());
        rp.authentication.finish(start.ceremonyId(), assertion);

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(ChallengeReplayedException.class)
                .hasFieldOrPropertyWithValue("reason", "challenge_replayed");
    }

    @Test
    void finishWhenChallengeExpiredThenChallengeExpired() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion = aliceBrowser.get(start.optionsJson());
        rp.clock.advance(Duration.ofMinutes(6));

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(ChallengeExpiredException.class)
                .hasFieldOrPropertyWithValue("reason", "challenge_expired");
    }

    @Test
    void finishWhenOriginNotAllowedThenBadOrigin() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        aliceBrowser.setOrigin(TestRelyingParty.EVIL_ORIGIN);
        String assertion = aliceBrowser.get(start.optionsJson());

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(BadOriginException.class)
                .hasFieldOrPropertyWithValue("reason", "bad_origin");
    }

    @Test
    void finishWhenPasskeyWasMadeForAnotherRpIdThenBadRpId() {
        // Same user database, but the passkey was created for rpId "other.example".
        TestRelyingParty otherRp = TestRelyingParty.create("other.example", rp.dataSource);
        otherRp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion = aliceBrowser.get(start.optionsJson(), o -> o.put("rpId", "other.example"));

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(BadRpIdException.class)
                .hasFieldOrPropertyWithValue("reason", "bad_rp_id");
    }

    @Test
    void finishWhenUserVerificationRequiredButNotPerformedThenUserVerificationRequired() {
        TestRelyingParty strict = TestRelyingParty.create(b -> b.userVerification(UserVerificationPolicy.REQUIRED));
        strict.register(alice, aliceBrowser);
        AuthenticationStart start = strict.authentication.start(Optional.empty());
        assertThat(BrowserEmulator.parse(start.optionsJson()).get("userVerification"))
                .isEqualTo("required");
        // The client skips user verification: the authenticator signs with UV=0.
        String assertion = aliceBrowser.get(start.optionsJson(), o -> o.put("userVerification", "discouraged"));

        assertThatThrownBy(() -> strict.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(UserVerificationRequiredException.class)
                .hasFieldOrPropertyWithValue("reason", "user_verification_required");
    }

    @Test
    void finishWhenUserVerificationPreferredAndNotPerformedThenUserIsSignedInUnverified() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion = aliceBrowser.get(start.optionsJson(), o -> o.put("userVerification", "discouraged"));

        AuthenticationResult result = rp.authentication.finish(start.ceremonyId(), assertion);

        assertThat(result.userVerified()).isFalse();
    }

    @Test
    void finishWhenCounterDoesNotIncreaseThenCounterRegressionAndCloneFlagPersisted() {
        RegisteredCredential registered = rp.register(alice, aliceBrowser);
        AuthenticationStart first = rp.authentication.start(Optional.empty());
        rp.authentication.finish(first.ceremonyId(), aliceBrowser.get(first.optionsJson()));
        aliceAuthenticator.setCountUpEnabled(false); // a clone replaying the same counter value
        AuthenticationStart second = rp.authentication.start(Optional.empty());
        String assertion = aliceBrowser.get(second.optionsJson());

        assertThatThrownBy(() -> rp.authentication.finish(second.ceremonyId(), assertion))
                .isExactlyInstanceOf(CounterRegressionException.class)
                .hasFieldOrPropertyWithValue("reason", "counter_regression");
        PasskeyCredential stored = rp.credentials
                .findByCredentialId(registered.credential().credentialId())
                .orElseThrow();
        assertThat(stored.cloneSuspected()).isTrue();
        assertThat(stored.signatureCount()).isEqualTo(2);
    }

    @Test
    void finishWhenAuthenticatorHasNoCounterThenZeroCountersAreAccepted() {
        aliceAuthenticator.setCountUpEnabled(false); // counter stays 0, as for many synced passkeys
        RegisteredCredential registered = rp.register(alice, aliceBrowser);
        assertThat(registered.credential().signatureCount()).isZero();

        for (int i = 0; i < 2; i++) {
            AuthenticationStart start = rp.authentication.start(Optional.empty());
            AuthenticationResult result =
                    rp.authentication.finish(start.ceremonyId(), aliceBrowser.get(start.optionsJson()));
            assertThat(result.newCounter()).isZero();
        }
        assertThat(rp.credentials
                        .findByCredentialId(registered.credential().credentialId())
                        .orElseThrow()
                        .cloneSuspected())
                .isFalse();
    }

    @Test
    void finishWhenPasskeyWasDeletedThenUnknownCredential() {
        RegisteredCredential registered = rp.register(alice, aliceBrowser);
        assertThat(rp.credentials.delete(
                        alice.userHandle(), registered.credential().credentialId()))
                .isTrue();
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion = aliceBrowser.get(start.optionsJson());

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(UnknownCredentialException.class)
                .hasFieldOrPropertyWithValue("reason", "unknown_credential");
    }

    @Test
    void finishWhenCeremonyStartedForAnotherUserThenCredentialNotOwned() {
        rp.register(alice, aliceBrowser);
        UserIdentity bob = rp.newUser("bob");
        PackedAuthenticator bobAuthenticator = new PackedAuthenticator();
        BrowserEmulator bobBrowser = BrowserEmulator.webAuthn(TestRelyingParty.ORIGIN, bobAuthenticator);
        rp.register(bob, bobBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.of(alice.userHandle()));
        // Bob's authenticator answers a ceremony started for Alice (allow list dropped by the client).
        String assertion = bobBrowser.get(start.optionsJson(), o -> o.put("allowCredentials", List.of()));

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(CredentialNotOwnedException.class)
                .hasFieldOrPropertyWithValue("reason", "credential_not_owned");
    }

    @Test
    void finishWhenResponseUserHandleNamesAnotherUserThenCredentialNotOwned() {
        rp.register(alice, aliceBrowser);
        UserIdentity bob = rp.newUser("bob");
        BrowserEmulator bobBrowser = BrowserEmulator.webAuthn(TestRelyingParty.ORIGIN, new PackedAuthenticator());
        rp.register(bob, bobBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        // userHandle is not covered by the signature: a client claims Bob's passkey is Alice's.
        String assertion = BrowserEmulator.editResponse(
                bobBrowser.get(start.optionsJson()), r -> r.put("userHandle", b64u(alice.userHandle())));

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(CredentialNotOwnedException.class);
    }

    @Test
    void finishWhenUsernameLessAndUserHandleMissingThenMalformedResponse() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion =
                BrowserEmulator.editResponse(aliceBrowser.get(start.optionsJson()), r -> r.remove("userHandle"));

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(MalformedResponseException.class);
    }

    @Test
    void finishWhenSignatureTamperedThenBadSignature() {
        rp.register(alice, aliceBrowser);
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion = BrowserEmulator.editResponse(aliceBrowser.get(start.optionsJson()), r -> {
            byte[] signature = fromB64u((String) r.get("signature"));
            signature[signature.length - 1] ^= 0x01;
            r.put("signature", b64u(signature));
        });

        assertThatThrownBy(() -> rp.authentication.finish(start.ceremonyId(), assertion))
                .isExactlyInstanceOf(BadSignatureException.class);
    }

    @Test
    void finishWhenRegistrationCeremonyIdUsedThenBadChallenge() {
        rp.register(alice, aliceBrowser);
        String registrationCeremony =
                rp.registration.start(alice, Optional.empty()).ceremonyId();
        AuthenticationStart start = rp.authentication.start(Optional.empty());
        String assertion = aliceBrowser.get(start.optionsJson());

        assertThatThrownBy(() -> rp.authentication.finish(registrationCeremony, assertion))
                .isExactlyInstanceOf(BadChallengeException.class);
    }
}
