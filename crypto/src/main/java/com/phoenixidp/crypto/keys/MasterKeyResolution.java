package com.phoenixidp.crypto.keys;

import java.util.Objects;

/**
 * Outcome of {@link MasterKeyLoader#resolve}: the key, where it came from
 * ({@code environment}, {@code file:<path>} or {@code generated:<path>}) and whether it was generated now.
 */
public record MasterKeyResolution(MasterKey key, String source, boolean generated) {

    public MasterKeyResolution {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
    }
}
