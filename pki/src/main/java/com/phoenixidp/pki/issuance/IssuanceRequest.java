package com.phoenixidp.pki.issuance;

import com.phoenixidp.pki.policy.SubjectAltName;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a caller asks the CA to certify.
 *
 * @param commonName      subject CN
 * @param subjectAltNames SANs (DNS, IP, URI incl. SPIFFE IDs, e-mail)
 * @param profile         server, client or peer
 * @param validity        requested validity, or {@code null} for the CA default (90 days)
 */
public record IssuanceRequest(
        String commonName,
        List<SubjectAltName> subjectAltNames,
        CertificateProfile profile,
        @Nullable Duration validity) {

    public IssuanceRequest {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank() || commonName.length() > 64) {
            throw new com.phoenixidp.pki.PkiException("common name must be 1 to 64 characters");
        }
        subjectAltNames = List.copyOf(subjectAltNames);
        Objects.requireNonNull(profile, "profile");
    }

    /** A request with the default validity. */
    public static IssuanceRequest of(String commonName, CertificateProfile profile, SubjectAltName... sans) {
        return new IssuanceRequest(commonName, List.of(sans), profile, null);
    }

    /** The same request with another validity. */
    public IssuanceRequest withValidity(@Nullable Duration newValidity) {
        return new IssuanceRequest(commonName, subjectAltNames, profile, newValidity);
    }
}
