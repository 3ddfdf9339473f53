package com.phoenixidp.pki.authority;

import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.pki.issuance.CertificateProfile;
import com.phoenixidp.pki.issuance.IssuanceRequest;
import com.phoenixidp.pki.keys.Providers;
import com.phoenixidp.pki.support.NativeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every {@link OpensslInteropTest} check again with the native provider installed before the CA
 * is made, as the auth-server runs: root, intermediate and leaf keys and every signature are
 * AWS-LC's, and the real {@code openssl} must see no difference.
 */
@ExtendWith(NativeProvider.class)
class OpensslInteropNativeTest extends OpensslInteropTest {

    @Test
    void issueWhenNativeProviderInstalledThenLeafKeyIsNative() {
        String leafKey = ca.issue(IssuanceRequest.of("n.example.internal", CertificateProfile.SERVER))
                .keyPair()
                .getPrivate()
                .getClass()
                .getName();

        assertThat(leafKey).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(Providers.ecdsa().getName()).isEqualTo(Providers.NATIVE);
    }
}
