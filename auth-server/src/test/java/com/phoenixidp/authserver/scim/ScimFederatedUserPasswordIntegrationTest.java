package com.phoenixidp.authserver.scim;

import static com.phoenixidp.authserver.scim.ScimTestClient.assertScimError;
import static com.phoenixidp.authserver.scim.ScimTestClient.patchOp;
import static com.phoenixidp.authserver.scim.ScimTestClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import com.phoenixidp.authserver.TestDirectory;
import com.phoenixidp.authserver.audit.AuditLog;
import com.phoenixidp.authserver.audit.AuditQuery;
import com.phoenixidp.authserver.management.Actor;
import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import com.phoenixidp.authserver.user.UserService;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Passwords of users that come from elsewhere, over SCIM: a directory user's ({@code source:
 * ldap}) password belongs to the directory, so PUT or PATCH with a password is a 400 and nothing
 * is stored (other attributes still change); an upstream provider's user may be given a local
 * password by an administrator, and then signs in with it and can change it on the account page.
 */
class ScimFederatedUserPasswordIntegrationTest extends AuthServerIntegrationTest {

    private static final Actor TEST = new Actor("scim-federated-test", "test", null);

    @Autowired
    private UserService users;

    @Autowired
    private AuditLog audit;

    private ScimTestClient scim;

    @BeforeEach
    void signIn() {
        this.scim = ScimTestClient.admin(baseUrl());
    }

    @Test
    void passwordWhenDirectoryUserThenPutAndPatchRefused400AndNothingStoredButProfileChangesAccepted() {
        String name = uniqueName("scim-ldap");
        // as the first directory sign-in creates it (LdapAccounts)
        PhoenixUser user =
                this.users.create(UserDraft.named(name).withEmail(name + "@example.org", true), PhoenixUser.LDAP, TEST);
        String path = "/scim/v2/Users/" + user.id();

        Response put = this.scim.put(
                path, "{\"userName\":\"" + name + "\",\"password\":\"admin-chosen-password-1\",\"active\":true}");
        assertScimError(put, 400, "invalidValue");
        assertThat((String) put.json().get("detail"))
                .isEqualTo("password: managed by the user directory (LDAP): change it there");

        Response patch = this.scim.patch(
                path, patchOp("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"admin-pw-2-long\"}"));
        assertScimError(patch, 400, "invalidValue");
        Response patchWithoutPath = this.scim.patch(
                path,
                patchOp("{\"op\":\"replace\",\"value\":{\"password\":\"admin-pw-3-long\",\"displayName\":\"X\"}}"));
        assertScimError(patchWithoutPath, 400, "invalidValue");

        PhoenixUser after = this.users.get(user.id());
        assertThat(after.passwordHash())
                .as("no local password for a directory user")
                .isNull();
        assertThat(after.displayName()).as("the refused PATCH changed nothing").isNull();
        assertThat(this.audit.query(new AuditQuery(name, null, null, null, null, 100)))
                .extracting((e) -> e.type())
                .doesNotContain("user.password_set");

        // everything but the password can still be changed by SCIM
        Response rename = this.scim.patch(
                path, patchOp("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Directory Person\"}"));
        assertThat(rename.status()).as(rename.body()).isEqualTo(200);
        assertThat(rename.json()).containsEntry("displayName", "Directory Person");
        assertThat(rename.json())
                .containsEntry("urn:phoenixidp:scim:schemas:extension:2.0:User", Map.of("source", "ldap"));
    }

    @Test
    void passwordWhenRealDirectoryUserSignedInThenScimRefusesAndOnlyTheDirectoryPasswordSignsIn() {
        TestDirectory.assumeInstalled();
        String name = uniqueName("scim-dir");
        TestDirectory.shared().addUser(name, "directory-password-1", "Dora", "Directory", null);
        assertThat(OAuthTestClient.loginSucceeded(client().login(name, "directory-password-1")))
                .isTrue();
        PhoenixUser shadow = this.users.getByUsername(name);
        assertThat(shadow.source()).isEqualTo("ldap");

        Response put = this.scim.put(
                "/scim/v2/Users/" + shadow.id(),
                "{\"userName\":\"" + name + "\",\"password\":\"admin-chosen-password-1\"}");
        assertScimError(put, 400, "invalidValue");

        // the account page offers no password form and says where to change it
        OAuthTestClient browser = client();
        assertThat(OAuthTestClient.loginSucceeded(browser.login(name, "directory-password-1")))
                .isTrue();
        Response account = browser.browse("/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body())
                .contains("id=\"password-managed\"", "change it there")
                .doesNotContain("id=\"password-form\"");

        assertThat(OAuthTestClient.loginSucceeded(client().login(name, "admin-chosen-password-1")))
                .as("the refused password")
                .isFalse();
        assertThat(this.users.getByUsername(name).passwordHash()).isNull();
    }

    @Test
    void passwordWhenUpstreamUserThenAdministratorMaySetOneAndItSignsInAndAccountPageOffersChange() {
        String name = uniqueName("scim-upstream");
        // as a first sign-in through the provider "fake" creates it (FederatedAccounts)
        PhoenixUser user = this.users.create(UserDraft.named(name), "fake", TEST);
        assertThat(OAuthTestClient.loginSucceeded(client().login(name, "fallback-password-1")))
                .isFalse();

        Response patch = this.scim.patch(
                "/scim/v2/Users/" + user.id(),
                patchOp("{\"op\":\"replace\",\"path\":\"password\",\"value\":\"fallback-password-1\"}"));
        assertThat(patch.status()).as(patch.body()).isEqualTo(200);
        assertThat(patch.json())
                .containsEntry("urn:phoenixidp:scim:schemas:extension:2.0:User", Map.of("source", "fake"));

        OAuthTestClient browser = client();
        waitOutLoginBackoff(1);
        assertThat(OAuthTestClient.loginSucceeded(browser.login(name, "fallback-password-1")))
                .isTrue();
        Response account = browser.browse("/account");
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("id=\"password-form\"").doesNotContain("id=\"password-managed\"");
    }
}
