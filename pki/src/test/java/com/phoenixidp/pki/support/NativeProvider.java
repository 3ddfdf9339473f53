package com.phoenixidp.pki.support;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.phoenixidp.pki.keys.Providers;
import java.security.Security;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Installs the native provider (Amazon Corretto Crypto Provider) before a test class's
 * {@code @BeforeAll} methods, its own and its superclasses', as the auth-server installs it at
 * start, and removes it after the class. Fails the class when the provider is not healthy here.
 */
public final class NativeProvider implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        AmazonCorrettoCryptoProvider.install();
        AmazonCorrettoCryptoProvider.INSTANCE.assertHealthy();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Security.removeProvider(Providers.NATIVE);
    }
}
