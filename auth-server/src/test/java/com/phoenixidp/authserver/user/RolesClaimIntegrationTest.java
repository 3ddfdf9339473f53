package com.phoenixidp.authserver.user;

import static com.phoenixidp.authserver.TestData.BOB;
import static com.phoenixidp.authserver.TestData.BOB_PASSWORD;
import static com.phoenixidp.authserver.TestData.WEB;
import static com.phoenixidp.authserver.TestData.WEB_REDIRECT;
import static com.phoenixidp.authserver.TestData.WEB_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.AuthorizationRequest;
import com.phoenixidp.authserver.OAuthTestClient.Pkce;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import org.junit.jupiter.api.Test;

/** Bootstrap {@code roles} are groups, and a user's groups are the {@code roles} claim of their tokens. */
class RolesClaimIntegrationTest extends AuthServerIntegrationTest {

    @Test
    void accessTokenWhenUserIsInBootstrapRolesThenRolesClaimListsTheirGroups() throws Exception {
        OAuthTestClient browser = client();
        Pkce pkce = OAuthTestClient.pkce();
        var result =
                browser.authorize(new AuthorizationRequest(WEB, WEB_REDIRECT, "openid").pkce(pkce), BOB, BOB_PASSWORD);
        Response tokens = browser.exchangeCodeBasic(WEB, WEB_SECRET, result.code(), WEB_REDIRECT, pkce.verifier());
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);

        var claims = OAuthTestClient.verifiedClaims((String) tokens.json().get("access_token"), browser.jwks());

        assertThat(claims.getStringListClaim("roles")).containsExactlyInAnyOrder("user", "admin");
        assertThat(this.jdbc.queryForList(
                        "SELECT g.name FROM phoenix_group g JOIN phoenix_group_member m ON m.group_id = g.id"
                                + " JOIN phoenix_user u ON u.id = m.user_id WHERE u.username = ?",
                        String.class,
                        BOB))
                .containsExactlyInAnyOrder("user", "admin");
    }
}
