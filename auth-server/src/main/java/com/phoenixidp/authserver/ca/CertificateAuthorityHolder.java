package com.phoenixidp.authserver.ca;

import com.phoenixidp.pki.authority.CertificateAuthority;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The attached CA, opened in the background: decrypting the CA keys (a deliberately slow
 * passphrase KDF) overlaps with the rest of start-up. Start-up still waits for it before the
 * server accepts requests ({@link #afterSingletonsInstantiated}), so a wrong passphrase stops it
 * with a clear message, as before.
 */
public final class CertificateAuthorityHolder implements SmartInitializingSingleton, DisposableBean {

    private final CompletableFuture<CertificateAuthority> authority;

    CertificateAuthorityHolder(Supplier<CertificateAuthority> opener) {
        this.authority = CompletableFuture.supplyAsync(opener);
    }

    /** The CA (waits for it to be opened; rethrows why it could not be). */
    public CertificateAuthority get() {
        try {
            return this.authority.join();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        get();
    }

    @Override
    public void destroy() {
        // closes the CA once it exists (at once if it already does); nothing to wait for at shutdown
        var unused = this.authority.thenAccept(CertificateAuthority::close);
    }
}
