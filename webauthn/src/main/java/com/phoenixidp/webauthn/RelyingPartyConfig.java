package com.phoenixidp.webauthn;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Relying party settings for both ceremonies (WebAuthn L3 §5.4.2 rp entity, §7.1/§7.2 checks).
 *
 * <p><b>Attestation trust policy.</b> {@code none}, {@code packed} and {@code fido-u2f} statements
 * are verified when sent: the statement signature must verify over authenticatorData and the
 * clientDataHash, and {@code packed}/{@code fido-u2f} certificates must meet their format's
 * requirements (§8.2, §8.6). Self attestation is accepted, and basic attestation chains are
 * accepted <em>without</em> a trust anchor or metadata service: attestation proves the statement
 * is consistent, not which authenticator model made the key. Any other format (tpm, android-key,
 * apple, …) is rejected with {@link AttestationRejectedException}.
 *
 * @param rpId               relying party id, a registrable domain (e.g. {@code localhost})
 * @param rpName             human-readable RP name shown by the authenticator
 * @param allowedOrigins     exact origins accepted in clientDataJSON (e.g. {@code https://login.example.com})
 * @param userVerification   user verification policy for both ceremonies
 * @param residentKey        discoverable credential policy for registration
 * @param attestation        attestation conveyance preference
 * @param challengeTimeout   lifetime of a challenge in the store
 * @param ceremonyTimeout    {@code timeout} hint put into the options JSON
 */
public record RelyingPartyConfig(
        String rpId,
        String rpName,
        Set<String> allowedOrigins,
        UserVerificationPolicy userVerification,
        ResidentKeyPolicy residentKey,
        AttestationConveyance attestation,
        Duration challengeTimeout,
        Duration ceremonyTimeout) {

    /** Default challenge lifetime (5 minutes). */
    public static final Duration DEFAULT_CHALLENGE_TIMEOUT = Duration.ofMinutes(5);

    public RelyingPartyConfig {
        Objects.requireNonNull(rpId, "rpId");
        Objects.requireNonNull(rpName, "rpName");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(userVerification, "userVerification");
        Objects.requireNonNull(residentKey, "residentKey");
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(challengeTimeout, "challengeTimeout");
        Objects.requireNonNull(ceremonyTimeout, "ceremonyTimeout");
        if (rpId.isBlank() || !rpId.equals(rpId.toLowerCase(Locale.ROOT)) || rpId.contains(":") || rpId.contains("/")) {
            throw new IllegalArgumentException("rpId must be a lower-case host name without scheme or port");
        }
        if (allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("allowedOrigins must not be empty");
        }
        for (String origin : allowedOrigins) {
            URI uri = URI.create(origin);
            if (uri.getScheme() == null
                    || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty())) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
            }
        }
        if (challengeTimeout.isNegative() || challengeTimeout.isZero()) {
            throw new IllegalArgumentException("challengeTimeout must be positive");
        }
        if (ceremonyTimeout.isNegative() || ceremonyTimeout.isZero()) {
            throw new IllegalArgumentException("ceremonyTimeout must be positive");
        }
        allowedOrigins = Set.copyOf(new LinkedHashSet<>(allowedOrigins));
    }

    /** A builder with defaults: UV preferred, resident key required, attestation none, 5 min timeouts. */
    public static Builder builder(String rpId, String rpName) {
        return new Builder(rpId, rpName);
    }

    /** A builder initialised from an existing configuration. */
    public static Builder from(RelyingPartyConfig existing) {
        Objects.requireNonNull(existing, "existing");
        Builder builder = new Builder(existing.rpId, existing.rpName);
        builder.allowedOrigins.addAll(existing.allowedOrigins);
        builder.userVerification = existing.userVerification;
        builder.residentKey = existing.residentKey;
        builder.attestation = existing.attestation;
        builder.challengeTimeout = existing.challengeTimeout;
        builder.ceremonyTimeout = existing.ceremonyTimeout;
        return builder;
    }

    /** Builder for {@link RelyingPartyConfig}. */
    public static final class Builder {
        private final String rpId;
        private final String rpName;
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private UserVerificationPolicy userVerification = UserVerificationPolicy.PREFERRED;
        private ResidentKeyPolicy residentKey = ResidentKeyPolicy.REQUIRED;
        private AttestationConveyance attestation = AttestationConveyance.NONE;
        private Duration challengeTimeout = DEFAULT_CHALLENGE_TIMEOUT;
        private Duration ceremonyTimeout = DEFAULT_CHALLENGE_TIMEOUT;

        private Builder(String rpId, String rpName) {
            this.rpId = Objects.requireNonNull(rpId, "rpId");
            this.rpName = Objects.requireNonNull(rpName, "rpName");
        }

        public Builder allowedOrigin(String origin) {
            allowedOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        public Builder allowedOrigins(Set<String> origins) {
            allowedOrigins.clear();
            allowedOrigins.addAll(Objects.requireNonNull(origins, "origins"));
            return this;
        }

        public Builder userVerification(UserVerificationPolicy value) {
            userVerification = Objects.requireNonNull(value, "userVerification");
            return this;
        }

        public Builder residentKey(ResidentKeyPolicy value) {
            residentKey = Objects.requireNonNull(value, "residentKey");
            return this;
        }

        public Builder attestation(AttestationConveyance value) {
            attestation = Objects.requireNonNull(value, "attestation");
            return this;
        }

        public Builder challengeTimeout(Duration value) {
            challengeTimeout = Objects.requireNonNull(value, "challengeTimeout");
            return this;
        }

        public Builder ceremonyTimeout(Duration value) {
            ceremonyTimeout = Objects.requireNonNull(value, "ceremonyTimeout");
            return this;
        }

        public RelyingPartyConfig build() {
            return new RelyingPartyConfig(
                    rpId,
                    rpName,
                    allowedOrigins,
                    userVerification,
                    residentKey,
                    attestation,
                    challengeTimeout,
                    ceremonyTimeout);
        }
    }
}
