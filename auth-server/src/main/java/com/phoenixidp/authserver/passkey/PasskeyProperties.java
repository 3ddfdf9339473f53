package com.phoenixidp.authserver.passkey;

import com.phoenixidp.webauthn.AttestationConveyance;
import com.phoenixidp.webauthn.RelyingPartyConfig;
import com.phoenixidp.webauthn.ResidentKeyPolicy;
import com.phoenixidp.webauthn.UserVerificationPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Passkey (WebAuthn L3) relying-party settings under {@code phoenix.webauthn.*}. The RP id and
 * allowed origins default to the issuer's host and origin (WebAuthn L3 §5.1.4.1 / §7.1 step 9),
 * so the demo works on {@code http://localhost:9000} without configuration.
 */
@ConfigurationProperties("phoenix.webauthn")
public class PasskeyProperties {

    /** Relying party id (a registrable domain); empty = host of {@code phoenix.issuer}. */
    private @Nullable String rpId;

    /** Name the authenticator shows. */
    private String rpName = "Phoenix IdP";

    /** Exact origins accepted in clientDataJSON; empty = the issuer's origin. */
    private List<String> allowedOrigins = new ArrayList<>();

    /** required | preferred | discouraged (WebAuthn L3 §5.8.6). */
    private UserVerificationPolicy userVerification = UserVerificationPolicy.PREFERRED;

    /** Discoverable credentials: required (username-less login needs them) | preferred | discouraged. */
    private ResidentKeyPolicy residentKey = ResidentKeyPolicy.REQUIRED;

    /** Attestation conveyance asked for: none | direct. */
    private AttestationConveyance attestation = AttestationConveyance.NONE;

    /** Lifetime of a ceremony challenge. */
    private Duration challengeTimeout = RelyingPartyConfig.DEFAULT_CHALLENGE_TIMEOUT;

    /** How long a password-verified user may take to confirm with a passkey. */
    private Duration secondFactorTimeout = Duration.ofMinutes(5);

    /** Offer saved passkeys in the username field's autofill (conditional mediation, WebAuthn L3 §5.1.4). */
    private boolean conditionalUi = true;

    /**
     * Enables the FIDO2 server transport binding endpoints ({@code /attestation/*},
     * {@code /assertion/*}) for the FIDO conformance tools. Off: they answer 403.
     */
    private boolean fidoConformanceMode;

    /** The library's relying party configuration, defaults taken from the issuer. */
    public RelyingPartyConfig toRelyingPartyConfig(String issuer) {
        URI issuerUri = URI.create(issuer);
        String id = (this.rpId != null && !this.rpId.isBlank())
                ? this.rpId
                : issuerUri.getHost().toLowerCase(Locale.ROOT);
        Set<String> origins = new LinkedHashSet<>(this.allowedOrigins);
        if (origins.isEmpty()) {
            origins.add(originOf(issuerUri));
        }
        return RelyingPartyConfig.builder(id, this.rpName)
                .allowedOrigins(origins)
                .userVerification(this.userVerification)
                .residentKey(this.residentKey)
                .attestation(this.attestation)
                .challengeTimeout(this.challengeTimeout)
                .ceremonyTimeout(this.challengeTimeout)
                .build();
    }

    static String originOf(URI uri) {
        String origin =
                uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
        return (uri.getPort() != -1) ? origin + ":" + uri.getPort() : origin;
    }

    public @Nullable String getRpId() {
        return this.rpId;
    }

    public void setRpId(@Nullable String rpId) {
        this.rpId = rpId;
    }

    public String getRpName() {
        return this.rpName;
    }

    public void setRpName(String rpName) {
        this.rpName = rpName;
    }

    public List<String> getAllowedOrigins() {
        return this.allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public UserVerificationPolicy getUserVerification() {
        return this.userVerification;
    }

    public void setUserVerification(UserVerificationPolicy userVerification) {
        this.userVerification = userVerification;
    }

    public ResidentKeyPolicy getResidentKey() {
        return this.residentKey;
    }

    public void setResidentKey(ResidentKeyPolicy residentKey) {
        this.residentKey = residentKey;
    }

    public AttestationConveyance getAttestation() {
        return this.attestation;
    }

    public void setAttestation(AttestationConveyance attestation) {
        this.attestation = attestation;
    }

    public Duration getChallengeTimeout() {
        return this.challengeTimeout;
    }

    public void setChallengeTimeout(Duration challengeTimeout) {
        this.challengeTimeout = challengeTimeout;
    }

    public Duration getSecondFactorTimeout() {
        return this.secondFactorTimeout;
    }

    public void setSecondFactorTimeout(Duration secondFactorTimeout) {
        this.secondFactorTimeout = secondFactorTimeout;
    }

    public boolean isConditionalUi() {
        return this.conditionalUi;
    }

    public void setConditionalUi(boolean conditionalUi) {
        this.conditionalUi = conditionalUi;
    }

    public boolean isFidoConformanceMode() {
        return this.fidoConformanceMode;
    }

    public void setFidoConformanceMode(boolean fidoConformanceMode) {
        this.fidoConformanceMode = fidoConformanceMode;
    }
}
