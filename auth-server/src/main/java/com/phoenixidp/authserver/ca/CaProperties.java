package com.phoenixidp.authserver.ca;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in certificate authority ({@code phoenix.ca.*}): when {@code dir} is set, the server
 * opens that CA (created by {@code pki init}, or here when {@code create-if-missing}), serves its
 * public endpoints under {@code /pki/} and checks mutual-TLS client certificates against its
 * ledger.
 */
@ConfigurationProperties("phoenix.ca")
public class CaProperties {

    /** The CA directory (as made by {@code pki init}); unset = no CA. */
    private @Nullable Path dir;

    /** File whose first line is the CA passphrase; PHOENIX_CA_PASSWORD takes precedence. */
    private @Nullable Path passwordFile;

    /** Create the CA (and, if needed, a random passphrase file) on first start. */
    private boolean createIfMissing;

    /** Name of a CA created here. */
    private String name = "Phoenix IdP CA";

    /** Base URL written into certificates (CRL DP, OCSP AIA); default: the issuer. */
    private @Nullable String baseUrl;

    public @Nullable Path getDir() {
        return this.dir;
    }

    public void setDir(@Nullable Path dir) {
        this.dir = dir;
    }

    public @Nullable Path getPasswordFile() {
        return this.passwordFile;
    }

    public void setPasswordFile(@Nullable Path passwordFile) {
        this.passwordFile = passwordFile;
    }

    public boolean isCreateIfMissing() {
        return this.createIfMissing;
    }

    public void setCreateIfMissing(boolean createIfMissing) {
        this.createIfMissing = createIfMissing;
    }

    public String getName() {
        return this.name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public @Nullable String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }
}
