package com.phoenixidp.pki.authority;

import com.phoenixidp.pki.PkiException;
import com.phoenixidp.pki.keys.KeyType;
import com.phoenixidp.pki.policy.NamePolicy;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings chosen at {@code init} and stored in the CA directory ({@code ca.properties},
 * {@code policy.properties}). Immutable; start from {@link #defaults()} and use the withers.
 *
 * @param name                 CA name, used in the root and intermediate subjects
 * @param baseUrl              public base URL for CRL DP / OCSP AIA, or {@code null}
 * @param keyType              key type of the root and intermediate
 * @param namePolicy           which names may be certified
 * @param rootValidity         root lifetime
 * @param intermediateValidity intermediate lifetime (capped by the root's)
 * @param defaultLeafValidity  leaf validity when none is requested
 * @param maxLeafValidity      longest leaf validity granted
 */
public record CaOptions(
        String name,
        @Nullable String baseUrl,
        KeyType keyType,
        NamePolicy namePolicy,
        Duration rootValidity,
        Duration intermediateValidity,
        Duration defaultLeafValidity,
        Duration maxLeafValidity) {

    public CaOptions {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 48) {
            throw new PkiException("CA name must be 1 to 48 characters");
        }
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(namePolicy, "namePolicy");
        Objects.requireNonNull(rootValidity, "rootValidity");
        Objects.requireNonNull(intermediateValidity, "intermediateValidity");
        Objects.requireNonNull(defaultLeafValidity, "defaultLeafValidity");
        Objects.requireNonNull(maxLeafValidity, "maxLeafValidity");
        if (defaultLeafValidity.isNegative()
                || defaultLeafValidity.isZero()
                || maxLeafValidity.compareTo(defaultLeafValidity) < 0) {
            throw new PkiException("default leaf validity must be positive and not above the maximum");
        }
    }

    /** Phoenix IdP defaults: EC P-256, 10-year root, 5-year intermediate, 90-day leaves capped at 397 days. */
    public static CaOptions defaults() {
        return new CaOptions(
                "Phoenix IdP",
                null,
                KeyType.EC,
                NamePolicy.ALLOW_ALL,
                Duration.ofDays(3650),
                Duration.ofDays(1825),
                Duration.ofDays(90),
                Duration.ofDays(397));
    }

    public CaOptions withName(String newName) {
        return new CaOptions(
                newName,
                baseUrl,
                keyType,
                namePolicy,
                rootValidity,
                intermediateValidity,
                defaultLeafValidity,
                maxLeafValidity);
    }

    public CaOptions withBaseUrl(@Nullable String newBaseUrl) {
        return new CaOptions(
                name,
                newBaseUrl,
                keyType,
                namePolicy,
                rootValidity,
                intermediateValidity,
                defaultLeafValidity,
                maxLeafValidity);
    }

    public CaOptions withKeyType(KeyType newKeyType) {
        return new CaOptions(
                name,
                baseUrl,
                newKeyType,
                namePolicy,
                rootValidity,
                intermediateValidity,
                defaultLeafValidity,
                maxLeafValidity);
    }

    public CaOptions withNamePolicy(NamePolicy newPolicy) {
        return new CaOptions(
                name,
                baseUrl,
                keyType,
                newPolicy,
                rootValidity,
                intermediateValidity,
                defaultLeafValidity,
                maxLeafValidity);
    }

    public CaOptions withIntermediateValidity(Duration newValidity) {
        return new CaOptions(
                name, baseUrl, keyType, namePolicy, rootValidity, newValidity, defaultLeafValidity, maxLeafValidity);
    }

    public CaOptions withLeafValidity(Duration newDefault, Duration newMax) {
        return new CaOptions(
                name, baseUrl, keyType, namePolicy, rootValidity, intermediateValidity, newDefault, newMax);
    }
}
