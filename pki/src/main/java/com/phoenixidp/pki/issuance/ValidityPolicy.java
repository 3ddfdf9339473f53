package com.phoenixidp.pki.issuance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Leaf validity: a default (90 days), a policy cap, and never past the issuer's own expiry.
 * Not-before is back-dated one minute to tolerate clock skew between hosts.
 *
 * @param defaultValidity validity when none is requested
 * @param maxValidity     longest validity the CA grants (longer requests are capped)
 */
public record ValidityPolicy(Duration defaultValidity, Duration maxValidity) {

    /** Skew allowance applied to not-before. */
    public static final Duration BACKDATE = Duration.ofMinutes(1);

    public ValidityPolicy {
        Objects.requireNonNull(defaultValidity, "defaultValidity");
        Objects.requireNonNull(maxValidity, "maxValidity");
        if (defaultValidity.isNegative() || defaultValidity.isZero() || maxValidity.compareTo(defaultValidity) < 0) {
            throw new IllegalArgumentException("default validity must be positive and not above the maximum");
        }
    }

    /** Not-before and not-after for a request at {@code now} under an issuer expiring at {@code issuerNotAfter}. */
    public Instant[] window(@Nullable Duration requested, Instant now, Instant issuerNotAfter) {
        Duration validity = requested == null ? defaultValidity : requested;
        if (validity.isNegative() || validity.isZero()) {
            throw new InvalidValidityException("validity must be positive");
        }
        if (validity.compareTo(maxValidity) > 0) {
            validity = maxValidity;
        }
        if (!now.isBefore(issuerNotAfter)) {
            throw new InvalidValidityException("the intermediate CA has expired; it can no longer issue");
        }
        // X.509 times have whole seconds (RFC 5280 4.1.2.5); truncating here keeps ledger and certificate equal
        Instant notAfter = now.plus(validity).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (notAfter.isAfter(issuerNotAfter)) {
            notAfter = issuerNotAfter;
        }
        return new Instant[] {now.minus(BACKDATE).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), notAfter};
    }
}
