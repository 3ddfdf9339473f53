package com.phoenixidp.webauthn.registration;

import com.phoenixidp.webauthn.DuplicateCredentialException;
import com.phoenixidp.webauthn.MalformedResponseException;
import com.phoenixidp.webauthn.RelyingPartyConfig;
import com.phoenixidp.webauthn.ResponseEnvelope;
import com.phoenixidp.webauthn.UserVerificationPolicy;
import com.phoenixidp.webauthn.VerificationFailures;
import com.phoenixidp.webauthn.WebAuthnCeremonyException;
import com.phoenixidp.webauthn.WebAuthnJson;
import com.phoenixidp.webauthn.challenge.CeremonyType;
import com.phoenixidp.webauthn.challenge.ChallengeService;
import com.phoenixidp.webauthn.challenge.ChallengeStore;
import com.phoenixidp.webauthn.challenge.IssuedChallenge;
import com.phoenixidp.webauthn.challenge.StoredChallenge;
import com.phoenixidp.webauthn.credential.CredentialPublicKeyCodec;
import com.phoenixidp.webauthn.credential.PasskeyCredential;
import com.phoenixidp.webauthn.credential.PasskeyCredentialRepository;
import com.webauthn4j.WebAuthnRegistrationManager;
import com.webauthn4j.converter.util.JsonConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Passkey registration, WebAuthn L3 §7.1 "Registering a New Credential". {@link #start} builds
 * the creation options; {@link #finish} verifies the browser's response and stores the credential.
 * Attestation policy: see {@link RelyingPartyConfig}.
 */
public final class RegistrationService {

    /** Name given to a passkey when the user gives none. */
    public static final String DEFAULT_CREDENTIAL_NAME = "Passkey";

    private static final Set<String> ATTACHMENTS = Set.of("platform", "cross-platform");
    /** Transport values of WebAuthn L3 §5.8.4; anything else a client sends is dropped. */
    private static final Set<String> KNOWN_TRANSPORTS = Set.of("usb", "nfc", "ble", "smart-card", "hybrid", "internal");

    private final RelyingPartyConfig config;
    private final ChallengeService challenges;
    private final PasskeyCredentialRepository credentials;
    private final Clock clock;
    private final JsonConverter json;
    private final WebAuthnRegistrationManager manager;
    private final CredentialPublicKeyCodec codec;
    private final Set<Origin> origins;
    private final List<PublicKeyCredentialParameters> algorithms;

    public RegistrationService(
            RelyingPartyConfig config,
            ChallengeStore challengeStore,
            PasskeyCredentialRepository credentials,
            Clock clock,
            SecureRandom random) {
        this.config = Objects.requireNonNull(config, "config");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.challenges = new ChallengeService(
                Objects.requireNonNull(challengeStore, "challengeStore"),
                config.challengeTimeout(),
                clock,
                Objects.requireNonNull(random, "random"));
        ObjectConverter objectConverter = WebAuthnJson.objectConverter();
        this.json = objectConverter.getJsonConverter();
        this.codec = new CredentialPublicKeyCodec(objectConverter);
        this.manager = new WebAuthnRegistrationManager(
                List.of(
                        new NoneAttestationStatementVerifier(),
                        new PackedAttestationStatementVerifier(),
                        new FIDOU2FAttestationStatementVerifier()),
                new NullCertPathTrustworthinessVerifier(), // basic attestation: no trust anchors / MDS
                new DefaultSelfAttestationTrustworthinessVerifier(), // self attestation allowed
                objectConverter);
        this.origins = config.allowedOrigins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        this.algorithms = CreationOptionsJson.ALGORITHMS.stream()
                .map(alg -> new PublicKeyCredentialParameters(
                        PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.create(alg)))
                .toList();
    }

    /**
     * Starts a registration for {@code user}: issues a challenge bound to the user handle and
     * returns the creation options JSON, excluding the user's existing passkeys (§5.4).
     *
     * @param authenticatorAttachment {@code platform} or {@code cross-platform}, empty for either
     */
    public RegistrationStart start(UserIdentity user, Optional<String> authenticatorAttachment) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authenticatorAttachment, "authenticatorAttachment");
        authenticatorAttachment.ifPresent(a -> {
            if (!ATTACHMENTS.contains(a)) {
                throw new IllegalArgumentException("authenticatorAttachment must be platform or cross-platform");
            }
        });
        IssuedChallenge issued = challenges.issue(CeremonyType.REGISTRATION, Optional.of(user.userHandle()));
        List<PasskeyCredential> existing = credentials.findByUserHandle(user.userHandle());
        String optionsJson = WebAuthnJson.write(
                json, CreationOptionsJson.build(config, user, issued.challenge(), existing, authenticatorAttachment));
        return new RegistrationStart(issued.ceremonyId(), optionsJson, issued.expiresAt());
    }

    /**
     * Finishes a registration: verifies {@code responseJson}, the browser's
     * {@code PublicKeyCredential.toJSON()} of {@code navigator.credentials.create()}, and stores
     * the new passkey under the user the ceremony was started for.
     *
     * @param credentialName user-given name; blank gives {@value #DEFAULT_CREDENTIAL_NAME}
     * @throws WebAuthnCeremonyException subtype naming the failed check
     */
    public RegisteredCredential finish(String ceremonyId, String responseJson, @Nullable String credentialName) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        // §13.4.3: the challenge is single-use, so it is consumed before anything else.
        StoredChallenge stored = challenges.consume(ceremonyId, CeremonyType.REGISTRATION);
        byte[] userHandle = stored.userHandle()
                .orElseThrow(() -> new IllegalStateException("registration challenge without user handle"));
        byte[] rawId = ResponseEnvelope.check(json, responseJson);
        RegistrationData data = decode(responseJson);
        // §7.1 step 8: clientDataJSON.challenge equals the challenge issued for this ceremony.
        ChallengeService.verifyChallenge(
                stored, data.getCollectedClientData().getChallenge().getValue());
        verify(
                data,
                new DefaultChallenge(
                        data.getCollectedClientData().getChallenge().getValue()));

        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authData =
                data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authData.getAttestedCredentialData();
        if (attested == null || attested.getCredentialId().length > PasskeyCredential.MAX_CREDENTIAL_ID_LENGTH) {
            throw new MalformedResponseException("attested credential data missing or credential id too long");
        }
        // §5.1 / §6.5.1: rawId is the id of the credential the authenticator attested.
        if (!Arrays.equals(rawId, attested.getCredentialId())) {
            throw new MalformedResponseException("rawId differs from the attested credential id");
        }
        // §7.1 step 25: the credential id must not be registered yet, for any user.
        if (credentials.findByCredentialId(attested.getCredentialId()).isPresent()) {
            throw new DuplicateCredentialException("credential id already registered");
        }
        // §7.1 step 27: create and store the credential record.
        PasskeyCredential credential = new PasskeyCredential(
                attested.getCredentialId(),
                userHandle,
                codec.publicKeyCose(attested),
                authData.getSignCount(),
                transports(data.getTransports()),
                authData.isFlagBE(),
                authData.isFlagBS(),
                authData.isFlagUV(),
                attested.getAaguid().getBytes(),
                data.getAttestationObject().getFormat(),
                cleanName(credentialName),
                clock.instant(),
                Optional.empty(),
                false);
        credentials.save(credential);
        return new RegisteredCredential(credential, authData.isFlagUV());
    }

    /** §7.1 steps 5-6 and 11-12: clientDataJSON and attestationObject decoding. */
    private RegistrationData decode(String responseJson) {
        RegistrationData data;
        try {
            data = manager.parse(responseJson);
        } catch (RuntimeException e) {
            throw new MalformedResponseException("registration response could not be decoded", e);
        }
        if (data.getCollectedClientData() == null
                || data.getCollectedClientData().getChallenge() == null
                || data.getAttestationObject() == null) {
            throw new MalformedResponseException("clientDataJSON or attestationObject missing");
        }
        return data;
    }

    /**
     * §7.1 steps 7 (type), 9 (origin), 13 (rpIdHash), 14-15 (UP, UV per policy), 17 (algorithm
     * offered) and 19-21 (attestation statement), delegated to webauthn4j's verifiers.
     */
    private void verify(RegistrationData data, DefaultChallenge challenge) {
        ServerProperty serverProperty = ServerProperty.builder()
                .origins(origins)
                .rpId(config.rpId())
                .challenge(challenge)
                .build();
        RegistrationParameters parameters = new RegistrationParameters(
                serverProperty, algorithms, config.userVerification() == UserVerificationPolicy.REQUIRED, true);
        try {
            manager.verify(data, parameters);
        } catch (VerificationException e) {
            throw VerificationFailures.registration(e);
        }
    }

    private static Set<String> transports(Set<AuthenticatorTransport> transports) {
        if (transports == null) {
            return Set.of();
        }
        return transports.stream()
                .map(AuthenticatorTransport::getValue)
                .filter(KNOWN_TRANSPORTS::contains)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String cleanName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT_CREDENTIAL_NAME;
        }
        String cleaned = name.strip().replaceAll("\\p{Cntrl}", " ");
        return cleaned.length() <= PasskeyCredential.MAX_NAME_LENGTH
                ? cleaned
                : cleaned.substring(0, PasskeyCredential.MAX_NAME_LENGTH);
    }
}
