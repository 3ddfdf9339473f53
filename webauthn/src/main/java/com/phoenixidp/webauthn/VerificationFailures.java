package com.phoenixidp.webauthn;

import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadBackupEligibleFlagException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.IllegalBackupStateException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.KeyDescriptionValidationException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.NotAllowedCredentialIdException;
import com.webauthn4j.verifier.exception.SelfAttestationProhibitedException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;

/**
 * Translates webauthn4j's verification exceptions into this module's one-type-per-reason
 * {@link WebAuthnCeremonyException}s. Internal to the module's services.
 */
public final class VerificationFailures {

    private VerificationFailures() {}

    /** Maps a failure of the registration ceremony (WebAuthn L3 §7.1). */
    public static WebAuthnCeremonyException registration(VerificationException e) {
        if (e instanceof BadSignatureException || isAttestationFailure(e)) {
            // In §7.1 the only signature checked is the attestation statement's (steps 19-21).
            return new AttestationRejectedException("attestation statement rejected: " + e.getMessage(), e);
        }
        if (e instanceof NotAllowedAlgorithmException) {
            return new DisallowedAlgorithmException("credential algorithm not offered in pubKeyCredParams", e);
        }
        return common(e);
    }

    /** Maps a failure of the authentication ceremony (WebAuthn L3 §7.2). */
    public static WebAuthnCeremonyException authentication(VerificationException e) {
        if (e instanceof BadSignatureException) {
            return new com.phoenixidp.webauthn.BadSignatureException("assertion signature does not verify", e);
        }
        if (e instanceof MaliciousCounterValueException) {
            return new CounterRegressionException("signature counter did not increase", e);
        }
        if (e instanceof NotAllowedCredentialIdException) {
            return new CredentialNotOwnedException("credential not in allowCredentials", e);
        }
        return common(e);
    }

    private static boolean isAttestationFailure(VerificationException e) {
        return e instanceof BadAttestationStatementException
                || e instanceof CertificateException
                || e instanceof TrustAnchorNotFoundException
                || e instanceof SelfAttestationProhibitedException
                || e instanceof BadAaguidException
                || e instanceof BadAlgorithmException
                || e instanceof KeyDescriptionValidationException;
    }

    private static WebAuthnCeremonyException common(VerificationException e) {
        if (e instanceof com.webauthn4j.verifier.exception.BadChallengeException
                || e instanceof MissingChallengeException) {
            return new BadChallengeException("clientDataJSON.challenge does not match", e);
        }
        if (e instanceof BadOriginException
                || e instanceof BadTopOriginException
                || e instanceof CrossOriginException) {
            return new com.phoenixidp.webauthn.BadOriginException("origin not allowed", e);
        }
        if (e instanceof BadRpIdException) {
            return new com.phoenixidp.webauthn.BadRpIdException("rpIdHash does not match the RP ID", e);
        }
        if (e instanceof UserNotVerifiedException) {
            return new UserVerificationRequiredException("user verification required but UV flag not set", e);
        }
        if (e instanceof UserNotPresentException) {
            return new UserPresenceRequiredException("UP flag not set", e);
        }
        if (e instanceof InconsistentClientDataTypeException) {
            return new BadClientDataTypeException("clientDataJSON.type does not match the ceremony", e);
        }
        if (e instanceof BadBackupEligibleFlagException || e instanceof IllegalBackupStateException) {
            return new BackupFlagsException("inconsistent backup flags", e);
        }
        return new MalformedResponseException(
                "response rejected: " + e.getClass().getSimpleName(), e);
    }
}
