package com.phoenixidp.authserver.client;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import org.junit.jupiter.api.Test;

/**
 * Client secrets are stored as a keyed HMAC-SHA-256 and are never "upgraded" to a password hash
 * by Spring's client authentication ({@code HasherPasswordEncoder} over the {@code ClientSecretHasher}).
 */
class ClientSecretStorageIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void clientSecretWhenStoredThenHmacSha256AndNotTheSecret() {
        for (String clientId : new String[] {WEB, CONSENT_APP, SERVICE, ADMIN_TOOL}) {
            assertThat(storedSecret(clientId)).as(clientId).startsWith("{hmac-sha256}");
        }
        assertThat(storedSecret(SERVICE)).doesNotContain(SERVICE_SECRET);
        assertThat(storedSecret(SPA)).isNull();
    }

    @Test
    void clientSecretWhenUsedManyTimesThenStoredHashUnchangedAndStillValid() {
        String before = storedSecret(SERVICE);
        OAuthTestClient client = client();

        for (int i = 0; i < 25; i++) {
            Response response = (i % 2 == 0)
                    ? client.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                    : client.postForm(
                            "/oauth2/token",
                            java.util.Map.of(
                                    "grant_type",
                                    "client_credentials",
                                    "client_id",
                                    SERVICE,
                                    "client_secret",
                                    SERVICE_SECRET));
            assertThat(response.status())
                    .as("request %d: %s", i, response.body())
                    .isEqualTo(200);
        }

        assertThat(storedSecret(SERVICE)).isEqualTo(before).startsWith("{hmac-sha256}");
    }

    private String storedSecret(String clientId) {
        return this.jdbc.queryForObject(
                "SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?", String.class, clientId);
    }
}
