package com.phoenixidp.webauthn.authentication;

import com.phoenixidp.webauthn.CounterRegressionException;
import com.phoenixidp.webauthn.CredentialNotOwnedException;
import com.phoenixidp.webauthn.MalformedResponseException;
import com.phoenixidp.webauthn.RelyingPartyConfig;
import com.phoenixidp.webauthn.ResponseEnvelope;
import com.phoenixidp.webauthn.UnknownCredentialException;
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
import com.webauthn4j.WebAuthnAuthenticationManager;
import com.webauthn4j.converter.util.JsonConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Passkey sign-in, WebAuthn L3 §7.2 "Verifying an Authentication Assertion". Supports
 * username-less login with discoverable credentials (no user given to {@link #start}) and
 * login of a known user (e.g. as second factor).
 */
public final class AuthenticationService {

    private final RelyingPartyConfig config;
    private final ChallengeService challenges;
    private final PasskeyCredentialRepository credentials;
    private final Clock clock;
    private final JsonConverter json;
    private final WebAuthnAuthenticationManager manager;
    private final CredentialPublicKeyCodec codec;
    private final Set<Origin> origins;

    public AuthenticationService(
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
        this.manager = new WebAuthnAuthenticationManager(List.of(), objectConverter);
        this.origins = config.allowedOrigins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Starts an authentication. With a user handle the options list that user's passkeys in
     * {@code allowCredentials} and the ceremony only accepts them; without one
     * {@code allowCredentials} is empty (discoverable credentials, username-less login).
     */
    public AuthenticationStart start(Optional<byte[]> userHandle) {
        Objects.requireNonNull(userHandle, "userHandle");
        IssuedChallenge issued = challenges.issue(CeremonyType.AUTHENTICATION, userHandle);
        List<Object> allow = new ArrayList<>();
        userHandle.ifPresent(
                handle -> credentials.findByUserHandle(handle).forEach(c -> allow.add(WebAuthnJson.descriptor(c))));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", WebAuthnJson.base64Url(issued.challenge()));
        options.put("timeout", config.ceremonyTimeout().toMillis());
        options.put("rpId", config.rpId());
        options.put("allowCredentials", allow);
        options.put("userVerification", config.userVerification().value());
        return new AuthenticationStart(issued.ceremonyId(), WebAuthnJson.write(json, options), issued.expiresAt());
    }

    /**
     * Finishes an authentication: verifies {@code responseJson}, the browser's
     * {@code PublicKeyCredential.toJSON()} of {@code navigator.credentials.get()}, and records
     * the new signature counter and last-used time.
     *
     * @throws WebAuthnCeremonyException subtype naming the failed check
     */
    public AuthenticationResult finish(String ceremonyId, String responseJson) {
        Objects.requireNonNull(ceremonyId, "ceremonyId");
        // §13.4.3: the challenge is single-use, so it is consumed before anything else.
        StoredChallenge stored = challenges.consume(ceremonyId, CeremonyType.AUTHENTICATION);
        AuthenticationData data = parse(responseJson);
        // §7.2 step 12: clientDataJSON.challenge equals the challenge issued for this ceremony.
        byte[] presentedChallenge = data.getCollectedClientData().getChallenge().getValue();
        ChallengeService.verifyChallenge(stored, presentedChallenge);

        // §7.2 steps 5-7: find the credential record and check who owns it.
        PasskeyCredential credential = credentials
                .findByCredentialId(data.getCredentialId())
                .orElseThrow(() -> new UnknownCredentialException("credential is not registered"));
        verifyOwnership(stored, credential, data.getUserHandle());

        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authData =
                verify(data, credential, new DefaultChallenge(presentedChallenge));

        // §7.2 step 24: update the credential record.
        credentials.updateAfterAuthentication(
                credential.credentialId(), authData.getSignCount(), authData.isFlagBS(), clock.instant());
        return new AuthenticationResult(
                credential.userHandle(),
                credential.credentialId(),
                authData.getSignCount(),
                authData.isFlagUV(),
                authData.isFlagBS(),
                credential.cloneSuspected());
    }

    /** §7.2 steps 1-7 and 10: JSON shape and decoding of clientDataJSON and authenticatorData. */
    private AuthenticationData parse(String responseJson) {
        ResponseEnvelope.check(json, responseJson);
        AuthenticationData data;
        try {
            data = manager.parse(responseJson);
        } catch (RuntimeException e) {
            throw new MalformedResponseException("authentication response could not be decoded", e);
        }
        if (data.getCredentialId() == null
                || data.getCollectedClientData() == null
                || data.getCollectedClientData().getChallenge() == null
                || data.getAuthenticatorData() == null) {
            throw new MalformedResponseException("rawId, clientDataJSON or authenticatorData missing");
        }
        return data;
    }

    /**
     * §7.2 step 6: if the user was identified before the ceremony, the credential must be theirs;
     * if {@code response.userHandle} is present it must name the credential's owner; if the user
     * was not identified, {@code response.userHandle} must be present.
     */
    private static void verifyOwnership(
            StoredChallenge stored, PasskeyCredential credential, byte[] responseUserHandle) {
        if (stored.userHandle().isPresent()
                && !credential.isOwnedBy(stored.userHandle().get())) {
            throw new CredentialNotOwnedException("credential belongs to another user than the ceremony's");
        }
        if (responseUserHandle != null && responseUserHandle.length > 0 && !credential.isOwnedBy(responseUserHandle)) {
            throw new CredentialNotOwnedException("response userHandle names another user than the credential owner");
        }
        if (stored.userHandle().isEmpty() && (responseUserHandle == null || responseUserHandle.length == 0)) {
            throw new MalformedResponseException("userHandle missing in a username-less authentication");
        }
    }

    /**
     * §7.2 steps 11 (type), 13 (origin), 15 (rpIdHash), 16-17 (UP, UV per policy), 18 (backup
     * flags), 21 (signature) and 22 (signature counter), delegated to webauthn4j. A counter that
     * does not increase flags the credential as possibly cloned before failing.
     */
    private AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> verify(
            AuthenticationData data, PasskeyCredential credential, DefaultChallenge challenge) {
        CredentialRecordImpl record = new CredentialRecordImpl(
                null,
                credential.uvInitialized(),
                credential.backupEligible(),
                credential.backupState(),
                credential.signatureCount(),
                codec.attestedCredentialData(credential),
                null,
                null,
                null,
                null);
        ServerProperty serverProperty = ServerProperty.builder()
                .origins(origins)
                .rpId(config.rpId())
                .challenge(challenge)
                .build();
        AuthenticationParameters parameters = new AuthenticationParameters(
                serverProperty, record, null, config.userVerification() == UserVerificationPolicy.REQUIRED, true);
        try {
            manager.verify(data, parameters);
        } catch (VerificationException e) {
            WebAuthnCeremonyException failure = VerificationFailures.authentication(e);
            if (failure instanceof CounterRegressionException) {
                credentials.markCloneSuspected(credential.credentialId());
            }
            throw failure;
        }
        return data.getAuthenticatorData();
    }
}
