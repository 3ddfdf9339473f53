package com.phoenixidp.authserver.scim;

import static com.phoenixidp.authserver.scim.ScimTestClient.assertScimError;
import static com.phoenixidp.authserver.scim.ScimTestClient.patchOp;
import static com.phoenixidp.authserver.scim.ScimTestClient.query;
import static com.phoenixidp.authserver.scim.ScimTestClient.resources;
import static com.phoenixidp.authserver.scim.ScimTestClient.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.phoenixidp.authserver.AuthServerIntegrationTest;
import com.phoenixidp.authserver.OAuthTestClient.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Searching SCIM Users over real HTTP (RFC 7644 section 3.4.2): filters, paging, attribute selection. */
class ScimUserSearchIntegrationTest extends AuthServerIntegrationTest {

    private ScimTestClient scim;

    @BeforeEach
    void signIn() {
        this.scim = ScimTestClient.admin(baseUrl());
    }

    @Test
    void searchWhenEachOperatorThenMatchingUsers() {
        String prefix = uniqueName("scim-find");
        String a = (String) this.scim.createUser(prefix + "-alpha", null).get("id");
        String b = (String) this.scim.createUser(prefix + "-beta", null).get("id");
        this.scim.patch(
                "/scim/v2/Users/" + b,
                patchOp("{\"op\":\"replace\",\"value\":{\"active\":false,\"externalId\":\"" + prefix + "-x\"}}"));

        assertThat(ids("userName eq \"" + prefix.toUpperCase() + "-ALPHA\"")).containsExactly(a);
        assertThat(ids("userName ne \"" + prefix + "-alpha\" and userName sw \"" + prefix + "\""))
                .containsExactly(b);
        assertThat(ids("userName sw \"" + prefix + "\"")).containsExactly(a, b);
        assertThat(ids("userName ew \"" + prefix.substring(5) + "-beta\"")).containsExactly(b);
        assertThat(ids("emails.value co \"" + prefix + "-alpha@\"")).containsExactly(a);
        assertThat(ids("emails[value co \"" + prefix + "-beta@\"]")).containsExactly(b);
        assertThat(ids("displayName eq \"Test " + prefix + "-beta\"")).containsExactly(b);
        assertThat(ids("userName sw \"" + prefix + "\" and active eq false")).containsExactly(b);
        assertThat(ids("userName sw \"" + prefix + "\" and externalId pr")).containsExactly(b);
        assertThat(ids("externalId eq \"" + prefix + "-x\"")).containsExactly(b);
        assertThat(ids("userName eq \"" + prefix + "-alpha\" or userName eq \"" + prefix + "-beta\""))
                .containsExactly(a, b);
        assertThat(ids("userName sw \"" + prefix + "\" and not (active eq false)"))
                .containsExactly(a);
        assertThat(ids("userName sw \"" + prefix + "\" and meta.lastModified gt \"2000-01-01T00:00:00Z\""))
                .containsExactly(a, b);
    }

    @Test
    void searchWhenPagedThenTotalResultsAndPages() {
        String prefix = uniqueName("scim-page");
        for (int i = 1; i <= 5; i++) {
            this.scim.createUser(prefix + "-" + i, null);
        }
        String filter = "&filter=" + query("userName sw \"" + prefix + "\"");

        Map<String, Object> page =
                this.scim.get("/scim/v2/Users?startIndex=2&count=2" + filter).json();
        assertThat(page)
                .containsEntry("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .containsEntry("totalResults", 5)
                .containsEntry("startIndex", 2)
                .containsEntry("itemsPerPage", 2);
        assertThat(resources(this.scim.get("/scim/v2/Users?startIndex=2&count=2" + filter)))
                .extracting((u) -> u.get("userName"))
                .containsExactly(prefix + "-2", prefix + "-3");

        Map<String, Object> countOnly =
                this.scim.get("/scim/v2/Users?count=0" + filter).json();
        assertThat(countOnly).containsEntry("totalResults", 5).containsEntry("itemsPerPage", 0);
        assertThat(this.scim
                        .get("/scim/v2/Users?startIndex=-4&count=99999999999999999999" + filter)
                        .json())
                .containsEntry("startIndex", 1)
                .containsEntry("itemsPerPage", 5);
        assertScimError(this.scim.get("/scim/v2/Users?count=many"), 400, "invalidValue");
    }

    @Test
    void searchWhenPostedSearchRequestWithAttributesThenSelectedAttributesOnly() {
        String name = uniqueName("scim-post");
        this.scim.createUser(name, null);

        Response response = this.scim.post(
                "/scim/v2/Users/.search",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":\"userName eq \\\""
                        + name + "\\\"\",\"attributes\":[\"userName\",\"emails.value\"],\"count\":10}");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Map<String, Object> user = resources(response).get(0);
        assertThat(user.keySet()).containsExactlyInAnyOrder("schemas", "id", "userName", "emails");
        assertThat(user.get("emails")).isEqualTo(List.of(Map.of("value", name + "@example.com")));
        Map<String, Object> lean = resources(this.scim.get("/scim/v2/Users?excludedAttributes=groups,meta&filter="
                        + query("userName eq \"" + name + "\"")))
                .get(0);
        assertThat(lean).containsKey("userName").doesNotContainKeys("groups", "meta");
    }

    @Test
    void searchWhenFilterMalformedOrUnsupportedThen400InvalidFilter() {
        for (String filter : List.of(
                "userName eq",
                "userName eq \"a",
                "(userName eq \"a\"",
                "nickName eq \"x\"",
                "emails[type eq \"work\"]",
                "active eq \"yes\"",
                "active co \"t\"",
                "meta.created gt \"yesterday\"",
                "userName gt 5")) {
            assertScimError(this.scim.get("/scim/v2/Users?filter=" + query(filter)), 400, "invalidFilter");
        }
    }

    private List<Object> ids(String filter) {
        Response response = this.scim.get("/scim/v2/Users?filter=" + query(filter));
        assertThat(response.status()).as(filter + ": " + response.body()).isEqualTo(200);
        return resources(response).stream().map((u) -> u.get("id")).toList();
    }
}
