package com.phoenixidp.resourceserver.dpop;

import org.jspecify.annotations.Nullable;

/**
 * A DPoP proof that fails one of the checks of RFC 9449 section 4.3; {@link #reason()} names which.
 * The message is for the log; clients get {@code invalid_dpop_proof} with {@link Reason#description()}.
 */
public final class InvalidDpopProofException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the proof was refused, one value per check of RFC 9449 section 4.3 (and 7.1 for {@code ath}). */
    public enum Reason {
        MISSING("No DPoP proof"),
        MULTIPLE("More than one DPoP proof"),
        MALFORMED("The DPoP proof is not a signed JWT"),
        WRONG_TYPE("The DPoP proof is not typed dpop+jwt"),
        ALGORITHM_NOT_ALLOWED("The DPoP proof algorithm is not accepted"),
        BAD_KEY("The DPoP proof carries no usable public key"),
        BAD_SIGNATURE("The DPoP proof signature is invalid"),
        MISSING_CLAIM("The DPoP proof lacks a required claim"),
        WRONG_METHOD("The DPoP proof is for another HTTP method"),
        WRONG_URI("The DPoP proof is for another URI"),
        NOT_FRESH("The DPoP proof is too old or from the future"),
        WRONG_ACCESS_TOKEN_HASH("The DPoP proof is for another access token"),
        REPLAYED("The DPoP proof was used before"),
        REPLAY_CACHE_FULL("The DPoP proof cannot be checked for replay now");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /** A generic text for the client. */
        public String description() {
            return this.description;
        }
    }

    private final Reason reason;

    public InvalidDpopProofException(Reason reason, @Nullable String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return this.reason;
    }
}
