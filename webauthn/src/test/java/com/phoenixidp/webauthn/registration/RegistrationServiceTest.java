package com.phoenixidp.webauthn.registration;

import static com.phoenixidp.webauthn.BrowserEmulator.fromB64u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.webauthn.AttestationConveyance;
import com.phoenixidp.webauthn.AttestationRejectedException;
import com.phoenixidp.webauthn.BadChallengeException;
import com.phoenixidp.webauthn.BadOriginException;
import com.phoenixidp.webauthn.BadRpIdException;
import com.phoenixidp.webauthn.BrowserEmulator;
import com.phoenixidp.webauthn.ChallengeExpiredException;
import com.phoenixidp.webauthn.ChallengeReplayedException;
import com.phoenixidp.webauthn.DisallowedAlgorithmException;
import com.phoenixidp.webauthn.DuplicateCredentialException;
import com.phoenixidp.webauthn.MalformedResponseException;
import com.phoenixidp.webauthn.TestRelyingParty;
import com.phoenixidp.webauthn.UnknownCeremonyException;
import com.phoenixidp.webauthn.UserVerificationPolicy;
import com.phoenixidp.webauthn.UserVerificationRequiredException;
import com.phoenixidp.webauthn.credential.PasskeyCredential;
import com.webauthn4j.test.authenticator.u2f.FIDOU2FAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.exception.InvalidStateException;
import com.webauthn4j.test.client.RegistrationEmulationOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrationServiceTest {

    private final TestRelyingParty rp = TestRelyingParty.create();
    private final BrowserEmulator browser =
            BrowserEmulator.webAuthn(TestRelyingParty.ORIGIN, new PackedAuthenticator());
    private final UserIdentity alice = rp.newUser("alice");

    @Test
    @SuppressWarnings("unchecked")
    void startWhenCalledThenOptionsJsonHasCreationOptionsMembers() {
        RegistrationStart start = rp.registration.start(alice, Optional.of("platform"));

        Map<String, Object> options = BrowserEmulator.parse(start.optionsJson());
        assertThat(fromB64u((String) options.get("challenge"))).hasSize(32);
        assertThat(options.get("rp")).isEqualTo(Map.of("id", "phoenix.example", "name", "Phoenix IdP"));
        assertThat(options.get("user"))
                .isEqualTo(Map.of(
                        "id", BrowserEmulator.b64u(alice.userHandle()), "name", "alice", "displayName", "ALICE"));
        assertThat((List<Map<String, Object>>) options.get("pubKeyCredParams"))
                .extracting(p -> ((Number) p.get("alg")).intValue())
                .containsExactly(-7, -8, -257);
        assertThat(options.get("authenticatorSelection"))
                .isEqualTo(Map.of(
                        "authenticatorAttachment",
                        "platform",
                        "residentKey",
                        "required",
                        "requireResidentKey",
                        true,
                        "userVerification",
                        "preferred"));
        assertThat(options.get("attestation")).isEqualTo("none");
        assertThat(((Number) options.get("timeout")).longValue()).isEqualTo(300_000L);
        assertThat(options.get("excludeCredentials")).isEqualTo(List.of());
        assertThat(start.expiresAt()).isEqualTo(rp.clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void startWhenTwoCeremoniesThenChallengesAndCeremonyIdsDiffer() {
        RegistrationStart first = rp.registration.start(alice, Optional.empty());
        RegistrationStart second = rp.registration.start(alice, Optional.empty());

        assertThat(second.ceremonyId()).isNotEqualTo(first.ceremonyId());
        assertThat(BrowserEmulator.parse(second.optionsJson()).get("challenge"))
                .isNotEqualTo(BrowserEmulator.parse(first.optionsJson()).get("challenge"));
    }

    @Test
    void startWhenUserHasPasskeyThenItIsExcludedAndAuthenticatorRefusesSecondOne() {
        RegisteredCredential existing = rp.register(alice, browser);

        RegistrationStart start = rp.registration.start(alice, Optional.empty());

        assertThat(BrowserEmulator.parse(start.optionsJson()).get("excludeCredentials"))
                .isEqualTo(List.of(Map.of(
                        "type",
                        "public-key",
                        "id",
                        existing.credential().credentialIdBase64Url(),
                        "transports",
                        List.of("hybrid", "internal"))));
        assertThatThrownBy(() -> browser.create(start.optionsJson())).isInstanceOf(InvalidStateException.class);
    }

    @Test
    void finishWhenEmulatorRespondsThenPasskeyIsStoredForTheUser() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());

        RegisteredCredential registered =
                rp.registration.finish(start.ceremonyId(), browser.create(start.optionsJson()), "  Laptop  ");

        PasskeyCredential stored = rp.credentials
                .findByCredentialId(registered.credential().credentialId())
                .orElseThrow();
        assertThat(stored).isEqualTo(registered.credential());
        assertThat(stored.userHandle()).isEqualTo(alice.userHandle());
        assertThat(stored.name()).isEqualTo("Laptop");
        assertThat(stored.attestationFormat()).isEqualTo("none");
        assertThat(stored.transports()).containsExactlyInAnyOrder("internal", "hybrid");
        assertThat(stored.createdAt()).isEqualTo(rp.clock.instant());
        assertThat(stored.lastUsedAt()).isEmpty();
        assertThat(stored.signatureCount()).isEqualTo(1);
        assertThat(stored.publicKeyCose()).isNotEmpty();
        assertThat(registered.userVerified()).isTrue();
    }

    @Test
    void finishWhenNameBlankThenDefaultNameIsUsed() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());

        RegisteredCredential registered =
                rp.registration.finish(start.ceremonyId(), browser.create(start.optionsJson()), " ");

        assertThat(registered.credential().name()).isEqualTo(RegistrationService.DEFAULT_CREDENTIAL_NAME);
    }

    @Test
    void finishWhenPackedAttestationSentThenItIsVerifiedAndKept() {
        TestRelyingParty direct = TestRelyingParty.create(b -> b.attestation(AttestationConveyance.DIRECT));
        RegistrationStart start = direct.registration.start(alice, Optional.empty());
        assertThat(BrowserEmulator.parse(start.optionsJson()).get("attestation"))
                .isEqualTo("direct");

        RegisteredCredential registered =
                direct.registration.finish(start.ceremonyId(), browser.create(start.optionsJson()), "key");

        assertThat(registered.attestationFormat()).isEqualTo("packed");
    }

    @Test
    void finishWhenPackedAttestationSignatureIsWrongThenAttestationRejected() {
        TestRelyingParty direct = TestRelyingParty.create(b -> b.attestation(AttestationConveyance.DIRECT));
        RegistrationStart start = direct.registration.start(alice, Optional.empty());
        RegistrationEmulationOption badSignature = new RegistrationEmulationOption();
        badSignature.setSignatureOverrideEnabled(true);
        String response = browser.create(start.optionsJson(), o -> {}, badSignature);

        assertThatThrownBy(() -> direct.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(AttestationRejectedException.class)
                .hasFieldOrPropertyWithValue("reason", "attestation_rejected");
        assertThat(direct.credentials.findByUserHandle(alice.userHandle())).isEmpty();
    }

    @Test
    void finishWhenFidoU2fAttestationSentThenItIsVerified() {
        TestRelyingParty direct = TestRelyingParty.create(b -> b.attestation(AttestationConveyance.DIRECT));
        BrowserEmulator u2f = BrowserEmulator.fidoU2f(TestRelyingParty.ORIGIN, new FIDOU2FAuthenticator());
        RegistrationStart start = direct.registration.start(alice, Optional.empty());

        RegisteredCredential registered =
                direct.registration.finish(start.ceremonyId(), u2f.create(start.optionsJson()), "key");

        assertThat(registered.attestationFormat()).isEqualTo("fido-u2f");
        assertThat(registered.userVerified()).isFalse();
    }

    @Test
    void finishWhenUserVerificationRequiredAndU2fKeyCannotVerifyThenUserVerificationRequired() {
        TestRelyingParty strict = TestRelyingParty.create(b -> b.userVerification(UserVerificationPolicy.REQUIRED));
        BrowserEmulator u2f = BrowserEmulator.fidoU2f(TestRelyingParty.ORIGIN, new FIDOU2FAuthenticator());
        RegistrationStart start = strict.registration.start(alice, Optional.empty());
        String response = u2f.create(start.optionsJson());

        assertThatThrownBy(() -> strict.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(UserVerificationRequiredException.class);
    }

    @Test
    void finishWhenResponseAnswersAnotherCeremonysChallengeThenBadChallenge() {
        RegistrationStart first = rp.registration.start(alice, Optional.empty());
        RegistrationStart second = rp.registration.start(alice, Optional.empty());
        String answerToSecond = browser.create(second.optionsJson());

        assertThatThrownBy(() -> rp.registration.finish(first.ceremonyId(), answerToSecond, "key"))
                .isExactlyInstanceOf(BadChallengeException.class)
                .hasFieldOrPropertyWithValue("reason", "bad_challenge");
    }

    @Test
    void finishWhenCeremonyIdUsedTwiceThenChallengeReplayed() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = browser.create(start.optionsJson());
        rp.registration.finish(start.ceremonyId(), response, "key");

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(ChallengeReplayedException.class);
    }

    @Test
    void finishWhenChallengeOlderThanFiveMinutesThenChallengeExpired() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = browser.create(start.optionsJson());
        rp.clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(ChallengeExpiredException.class);
    }

    @Test
    void finishWhenChallengeJustUnderFiveMinutesOldThenPasskeyIsStored() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = browser.create(start.optionsJson());
        rp.clock.advance(Duration.ofMinutes(5).minusSeconds(1));

        assertThat(rp.registration
                        .finish(start.ceremonyId(), response, "key")
                        .credential()
                        .userHandle())
                .isEqualTo(alice.userHandle());
    }

    @Test
    void finishWhenOriginNotAllowedThenBadOrigin() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        browser.setOrigin(TestRelyingParty.EVIL_ORIGIN);
        String response = browser.create(start.optionsJson());

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(BadOriginException.class);
    }

    @Test
    void finishWhenAuthenticatorUsedAnotherRpIdThenBadRpId() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = browser.create(
                start.optionsJson(),
                o -> o.put("rp", Map.of("id", "evil.example", "name", "Evil")),
                new RegistrationEmulationOption());

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(BadRpIdException.class);
    }

    @Test
    void finishWhenKeyAlgorithmWasNotOfferedThenDisallowedAlgorithm() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        // The emulator supports ES256 and PS256; a client swapping in PS256 (-37) gets a PS256 key.
        String response = browser.create(
                start.optionsJson(),
                o -> o.put("pubKeyCredParams", List.of(Map.of("type", "public-key", "alg", -37))),
                new RegistrationEmulationOption());

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(DisallowedAlgorithmException.class);
    }

    @Test
    void finishWhenCredentialIdAlreadyRegisteredToAnotherUserThenDuplicateCredential() {
        UserIdentity bob = rp.newUser("bob");
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = browser.create(start.optionsJson());
        byte[] credentialId = fromB64u((String) BrowserEmulator.parse(response).get("rawId"));
        RegisteredCredential bobs =
                rp.register(bob, BrowserEmulator.webAuthn(TestRelyingParty.ORIGIN, new PackedAuthenticator()));
        // Bob's record claims the same credential id (e.g. an authenticator that reuses ids).
        rp.credentials.delete(bob.userHandle(), bobs.credential().credentialId());
        rp.credentials.save(new PasskeyCredential(
                credentialId,
                bob.userHandle(),
                bobs.credential().publicKeyCose(),
                0,
                bobs.credential().transports(),
                false,
                false,
                true,
                new byte[16],
                "none",
                "bob",
                rp.clock.instant(),
                Optional.empty(),
                false));

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(DuplicateCredentialException.class);
        assertThat(rp.credentials.findByCredentialId(credentialId).orElseThrow().userHandle())
                .isEqualTo(bob.userHandle());
    }

    @Test
    void finishWhenCredentialTypeIsNotPublicKeyThenMalformedResponse() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        Map<String, Object> response = BrowserEmulator.parse(browser.create(start.optionsJson()));
        response.put("type", "password");

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), BrowserEmulator.write(response), "key"))
                .isExactlyInstanceOf(MalformedResponseException.class);
    }

    @Test
    void finishWhenIdDoesNotMatchRawIdThenMalformedResponse() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        Map<String, Object> response = BrowserEmulator.parse(browser.create(start.optionsJson()));
        response.put("id", "AAAA");

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), BrowserEmulator.write(response), "key"))
                .isExactlyInstanceOf(MalformedResponseException.class);
    }

    @Test
    void finishWhenRawIdIsNotTheAttestedCredentialIdThenMalformedResponse() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        Map<String, Object> response = BrowserEmulator.parse(browser.create(start.optionsJson()));
        response.put("id", "AAAA");
        response.put("rawId", "AAAA");

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), BrowserEmulator.write(response), "key"))
                .isExactlyInstanceOf(MalformedResponseException.class)
                .hasMessageContaining("attested credential id");
    }

    @Test
    void finishWhenAttestationObjectIsGarbageThenMalformedResponse() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = BrowserEmulator.editResponse(
                browser.create(start.optionsJson()), r -> r.put("attestationObject", "AAAA"));

        assertThatThrownBy(() -> rp.registration.finish(start.ceremonyId(), response, "key"))
                .isExactlyInstanceOf(MalformedResponseException.class);
    }

    @Test
    void finishWhenCeremonyIdIsFromAnAuthenticationThenBadChallenge() {
        String ceremonyId = rp.authentication.start(Optional.empty()).ceremonyId();
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = browser.create(start.optionsJson());

        assertThatThrownBy(() -> rp.registration.finish(ceremonyId, response, "key"))
                .isExactlyInstanceOf(BadChallengeException.class);
    }

    @Test
    void finishWhenCeremonyIdWasNeverIssuedThenUnknownCeremony() {
        RegistrationStart start = rp.registration.start(alice, Optional.empty());
        String response = browser.create(start.optionsJson());

        assertThatThrownBy(() -> rp.registration.finish("no-such-ceremony", response, "key"))
                .isExactlyInstanceOf(UnknownCeremonyException.class);
    }
}
