package com.phoenixidp.authserver.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.authserver.user.PhoenixUser;
import com.phoenixidp.authserver.user.UserDraft;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SCIM PATCH (RFC 7644 section 3.5.2) applied to users, as Entra ID and others send it. */
class UserPatchApplierTest {

    private static final PhoenixUser BARBARA = new PhoenixUser(
            "u-1",
            "bjensen",
            "{bcrypt-sha256}$2a$10$hash",
            "bjensen@example.com",
            true,
            "Babs Jensen",
            "Barbara",
            "Jensen",
            "ext-1",
            List.of("staff"),
            true,
            null,
            "handle",
            0,
            null,
            "local",
            7,
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-01-02T00:00:00Z"));

    @Test
    void applyWhenEntraReplaceWithoutPathAndStringBooleanThenInactive() {
        UserDraft draft = patchUser("{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}");

        assertThat(draft.active()).isFalse();
        assertThat(draft.username()).isEqualTo("bjensen");
        assertThat(draft.email()).isEqualTo("bjensen@example.com");
        assertThat(draft.emailVerified()).isTrue();
    }

    @Test
    void applyWhenReplaceActiveWithPathAndBooleanThenInactive() {
        assertThat(patchUser("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")
                        .active())
                .isFalse();
        assertThat(patchUser("{\"op\":\"REPLACE\",\"path\":\"active\",\"value\":\"TRUE\"}")
                        .active())
                .isTrue();
    }

    @Test
    void applyWhenReplaceEachPathThenDraftChanged() {
        UserDraft draft = patchUser(
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"barbara\"}",
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Barbara J\"}",
                "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Barb\"}",
                "{\"op\":\"add\",\"path\":\"name.familyName\",\"value\":\"Jensen-Smith\"}",
                "{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"ext-2\"}",
                "{\"op\":\"replace\",\"path\":\"password\",\"value\":\"new-password-123\"}");

        assertThat(draft.username()).isEqualTo("barbara");
        assertThat(draft.displayName()).isEqualTo("Barbara J");
        assertThat(draft.givenName()).isEqualTo("Barb");
        assertThat(draft.familyName()).isEqualTo("Jensen-Smith");
        assertThat(draft.externalId()).isEqualTo("ext-2");
        assertThat(draft.password()).isEqualTo("new-password-123");
    }

    @Test
    void applyWhenEntraWorkEmailValuePathThenPrimaryEmailChangedAndNotVerified() {
        UserDraft draft = patchUser(
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"b@corp.example\"}");

        assertThat(draft.email()).isEqualTo("b@corp.example");
        assertThat(draft.emailVerified()).isFalse();
    }

    @Test
    void applyWhenSameEmailInOtherCaseThenStillVerified() {
        UserDraft draft = patchUser(
                "{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"BJensen@example.com\",\"primary\":true}]}");

        assertThat(draft.email()).isEqualTo("BJensen@example.com");
        assertThat(draft.emailVerified()).isTrue();
    }

    @Test
    void applyWhenEmailsListThenPrimaryValueChosen() {
        UserDraft draft = patchUser("{\"op\":\"add\",\"path\":\"emails\",\"value\":["
                + "{\"value\":\"home@example.com\",\"type\":\"home\"},"
                + "{\"value\":\"work@example.com\",\"type\":\"work\",\"primary\":\"True\"}]}");

        assertThat(draft.email()).isEqualTo("work@example.com");
    }

    @Test
    void applyWhenNoPathWithDottedAndNestedKeysThenAllApplied() {
        UserDraft draft = patchUser(
                "{\"op\":\"add\",\"value\":{\"name.givenName\":\"B\","
                        + "\"urn:ietf:params:scim:schemas:core:2.0:User:displayName\":\"BJ\",\"name\":{\"familyName\":\"J\"}}}");

        assertThat(draft.givenName()).isEqualTo("B");
        assertThat(draft.familyName()).isEqualTo("J");
        assertThat(draft.displayName()).isEqualTo("BJ");
    }

    @Test
    void applyWhenReplaceNameObjectThenMissingSubAttributesKept() {
        UserDraft draft = patchUser("{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":\"Babs\"}}");

        assertThat(draft.givenName()).isEqualTo("Babs");
        assertThat(draft.familyName()).isEqualTo("Jensen");
    }

    @Test
    void applyWhenRemoveOptionalAttributesThenUnassigned() {
        UserDraft draft = patchUser(
                "{\"op\":\"remove\",\"path\":\"displayName\"}",
                "{\"op\":\"remove\",\"path\":\"name.familyName\"}",
                "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"work\\\"]\"}",
                "{\"op\":\"remove\",\"path\":\"externalId\"}");

        assertThat(draft.displayName()).isNull();
        assertThat(draft.familyName()).isNull();
        assertThat(draft.givenName()).isEqualTo("Barbara");
        assertThat(draft.email()).isNull();
        assertThat(draft.emailVerified()).isFalse();
        assertThat(draft.externalId()).isNull();
    }

    @Test
    void applyWhenRemoveUserNameThenDraftWithoutUsernameForTheServiceToRefuse() {
        assertThat(patchUser("{\"op\":\"remove\",\"path\":\"userName\"}").username())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"op\":\"remove\",\"path\":\"active\"}",
                "{\"op\":\"remove\",\"path\":\"password\"}",
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}",
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":1}",
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":null}",
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":{\"a\":1}}",
                "{\"op\":\"replace\",\"path\":\"emails\",\"value\":\"x@example.com\"}",
                "{\"op\":\"replace\",\"path\":\"emails\",\"value\":[1]}",
                "{\"op\":\"replace\",\"path\":\"name\",\"value\":[]}",
                "{\"op\":\"replace\",\"value\":[]}",
                "{\"op\":\"replace\",\"value\":\"x\"}",
                "{\"op\":\"add\",\"path\":\"displayName\"}",
            })
    void applyWhenValueUnfitThenInvalidValue(String operation) {
        assertThatThrownBy(() -> patchUser(operation))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidValue"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}",
                "{\"op\":\"remove\",\"path\":\"meta\"}",
                "{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}",
                "{\"op\":\"replace\",\"path\":\"urn:phoenixidp:scim:schemas:extension:2.0:User:source\",\"value\":\"ldap\"}",
                "{\"op\":\"replace\",\"value\":{\"id\":\"x\"}}",
            })
    void applyWhenReadOnlyAttributeThenMutability(String operation) {
        assertThatThrownBy(() -> patchUser(operation))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("mutability"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"op\":\"replace\",\"path\":\"nickName\",\"value\":\"x\"}",
                "{\"op\":\"replace\",\"path\":\"name.middleName\",\"value\":\"x\"}",
                "{\"op\":\"replace\",\"path\":\"userName.x\",\"value\":\"x\"}",
                "{\"op\":\"replace\",\"path\":\"displayName[value eq \\\"x\\\"]\",\"value\":\"x\"}",
                "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"\",\"value\":\"x\"}",
                "{\"op\":\"replace\",\"path\":42,\"value\":\"x\"}",
                "{\"op\":\"replace\",\"value\":{\"title\":\"x\"}}",
            })
    void applyWhenUnknownOrMalformedPathThenInvalidPath(String operation) {
        assertThatThrownBy(() -> patchUser(operation))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidPath"));
    }

    @Test
    void parseWhenRemoveWithoutPathThenNoTarget() {
        assertThatThrownBy(() -> patchUser("{\"op\":\"remove\",\"value\":{\"displayName\":\"x\"}}"))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("noTarget"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"Operations\":[]}",
                "{\"Operations\":{}}",
                "{\"Operations\":[1]}",
                "{\"Operations\":[{\"path\":\"active\"}]}",
                "{\"Operations\":[{\"op\":\"move\",\"path\":\"active\"}]}",
                "{\"Operations\":[{\"op\":true}]}",
                "{\"Operations\":[{\"op\":\"add\",\"op\":\"remove\"}]}",
                "{\"Operations\":[{\"op\":\"add\",\"OP\":\"remove\"}]}",
            })
    void parseWhenNotAPatchOpMessageThenInvalidSyntax(String body) {
        assertThatThrownBy(() -> PatchOperation.parse(ScimJson.parseObject(body.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidSyntax"));
    }

    private static UserDraft patchUser(String... operations) {
        return UserPatchApplier.apply(BARBARA, operations(operations));
    }

    static List<PatchOperation> operations(String... operations) {
        String body = "{\"schemas\":[\"" + ScimSchemas.PATCH_OP + "\"],\"Operations\":[" + String.join(",", operations)
                + "]}";
        return PatchOperation.parse(ScimJson.parseObject(body.getBytes(StandardCharsets.UTF_8)));
    }
}
