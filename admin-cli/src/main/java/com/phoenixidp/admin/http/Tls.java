package com.phoenixidp.admin.http;

import com.phoenixidp.admin.AdminException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client {@code phoenix-admin} talks through: HTTP/1.1, no redirects followed (a bearer
 * token is never sent anywhere but {@code --server}), host names verified, and with {@code
 * --cacert} trusting exactly the CA certificates in that PEM file (like {@code curl --cacert}).
 */
public final class Tls {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private Tls() {}

    public static HttpClient httpClient(@Nullable Path cacert) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
        if (cacert != null) {
            builder.sslContext(trusting(cacert));
        }
        return builder.build();
    }

    /** An SSL context trusting the certificates of a PEM (or DER) file, and nothing else. */
    static SSLContext trusting(Path cacert) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(cacert)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException ex) {
            throw AdminException.usage("--cacert: cannot read " + cacert + ": no such file");
        } catch (IOException ex) {
            throw AdminException.usage("--cacert: cannot read " + cacert + ": " + ex.getMessage());
        } catch (GeneralSecurityException ex) {
            throw AdminException.usage("--cacert: " + cacert + " holds no readable X.509 certificate (PEM expected)");
        }
        if (certificates.isEmpty()) {
            throw AdminException.usage("--cacert: " + cacert + " holds no certificate (PEM expected)");
        }
        try {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trustStore.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException ex) {
            throw AdminException.usage("--cacert: cannot use " + cacert + ": " + ex.getMessage());
        }
    }
}
