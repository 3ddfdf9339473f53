package com.phoenixidp.pki.support;

import com.phoenixidp.pki.authority.CaOptions;
import com.phoenixidp.pki.authority.CertificateAuthority;
import com.phoenixidp.pki.policy.NamePolicy;
import java.nio.file.Path;

/** Fixture builders for test CAs. */
public final class TestCas {

    /** The passphrase every test CA uses. */
    public static final String PASSPHRASE = "test-passphrase-0123";

    private TestCas() {}

    public static char[] passphrase() {
        return PASSPHRASE.toCharArray();
    }

    /** A CA with base URL {@code http://127.0.0.1:8888} and no name policy. */
    public static CertificateAuthority open(Path dir) {
        return CertificateAuthority.init(dir, passphrase(), CaOptions.defaults().withBaseUrl("http://127.0.0.1:8888"));
    }

    /** A CA whose policy allows {@code *.example.internal}, 127.0.0.0/8 and {@code spiffe://phoenix.local/}. */
    public static CertificateAuthority withPolicy(Path dir) {
        NamePolicy policy = NamePolicy.of(
                java.util.List.of("example.internal"),
                java.util.List.of("127.0.0.0/8"),
                java.util.List.of("spiffe://phoenix.local/"),
                java.util.List.of());
        return CertificateAuthority.init(
                dir,
                passphrase(),
                CaOptions.defaults().withBaseUrl("http://127.0.0.1:8888").withNamePolicy(policy));
    }
}
