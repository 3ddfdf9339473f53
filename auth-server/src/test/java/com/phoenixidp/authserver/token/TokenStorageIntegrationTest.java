package com.phoenixidp.authserver.token;

import static com.phoenixidp.authserver.TestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationResult;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Token values are kept out of plain sight in the authorization store ({@link TokenHashes}). */
class TokenStorageIntegrationTest extends AuthServerIntegrationTest {

    private static final List<String> VALUE_COLUMNS = List.of(
            "authorization_code_value",
            "access_token_value",
            "oidc_id_token_value",
            "refresh_token_value",
            "user_code_value",
            "device_code_value");

    @Test
    void authorizationStoreWhenTokensIssuedThenHoldsOnlyHashesOfThem() {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        AuthorizationResult result = browser.authorize(
                new AuthorizationRequest(WEB, WEB_REDIRECT, "openid profile").pkce(pkce), ALICE, ALICE_PASSWORD);
        String code = result.code();
        Map<String, Object> tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, code, WEB_REDIRECT, pkce.verifier())
                .json();
        Response refreshed = browser.refreshBasic(WEB, WEB_SECRET, (String) tokens.get("refresh_token"));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String clientToken = (String) browser.clientCredentialsBasic(SERVICE, SERVICE_SECRET, "api.read")
                .json()
                .get("access_token");
        List<String> raw = List.of(
                code,
                (String) tokens.get("access_token"),
                (String) tokens.get("refresh_token"),
                (String) tokens.get("id_token"),
                (String) refreshed.json().get("access_token"),
                (String) refreshed.json().get("refresh_token"),
                clientToken);

        assertThat(this.jdbc.queryForObject(
                        "SELECT COUNT(*) FROM oauth2_authorization WHERE refresh_token_value = ?",
                        Integer.class,
                        TokenHashes.hash((String) refreshed.json().get("refresh_token"))))
                .isEqualTo(1);
        List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT * FROM oauth2_authorization");
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            for (String column : VALUE_COLUMNS) {
                Object value = row.get(column);
                assertThat(value == null || value.toString().startsWith("sha256:"))
                        .as("%s of authorization %s is %s", column, row.get("id"), value)
                        .isTrue();
            }
            for (Object value : row.values()) {
                if (value != null) {
                    String stored = value.toString();
                    raw.forEach((token) -> assertThat(stored).doesNotContain(token));
                }
            }
        }
        List<String> used = this.jdbc.queryForList("SELECT token_hash FROM phoenix_used_refresh_token", String.class);
        assertThat(used)
                .contains(TokenHashes.hash((String) tokens.get("refresh_token")))
                .allSatisfy((hash) -> assertThat(hash).startsWith("sha256:"));
    }
}
