package com.phoenixidp.authserver.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.authserver.user.GroupRepository;
import com.phoenixidp.authserver.user.PhoenixGroup;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SCIM PATCH (RFC 7644 section 3.5.2) applied to groups: members added, removed, replaced. */
class GroupPatchApplierTest {

    private static final PhoenixGroup STAFF = new PhoenixGroup("g-1", "staff", null, 3, null, null);

    private static final List<GroupRepository.Member> MEMBERS =
            List.of(new GroupRepository.Member("u-1", "bjensen"), new GroupRepository.Member("u-2", "mona"));

    @Test
    void applyWhenAddMembersThenAddedOnceAndOthersKept() {
        GroupPatchApplier.Result result =
                patchGroup("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u-3\"},{\"value\":\"u-1\"}]}");

        assertThat(result.memberIds()).containsExactly("u-1", "u-2", "u-3");
        assertThat(result.name()).isEqualTo("staff");
    }

    @Test
    void applyWhenRemoveMemberByValueFilterThenRemoved() {
        GroupPatchApplier.Result result = patchGroup("{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-1\\\"]\"}");

        assertThat(result.memberIds()).containsExactly("u-2");
    }

    @Test
    void applyWhenRemoveMembersByValueListThenRemoved() {
        GroupPatchApplier.Result result = patchGroup(
                "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"u-2\"},{\"value\":\"u-9\"}]}");

        assertThat(result.memberIds()).containsExactly("u-1");
    }

    @Test
    void applyWhenRemoveMembersWithoutFilterOrValueThenAllRemoved() {
        assertThat(patchGroup("{\"op\":\"remove\",\"path\":\"members\"}").memberIds())
                .isEmpty();
    }

    @Test
    void applyWhenRemoveMemberFilterMatchesNothingThenNoChange() {
        assertThat(patchGroup("{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-9\\\"]\"}")
                        .memberIds())
                .containsExactly("u-1", "u-2");
    }

    @Test
    void applyWhenReplaceMembersAndDisplayNameThenExactlyThose() {
        GroupPatchApplier.Result result = patchGroup(
                "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"u-4\"}]}",
                "{\"op\":\"Replace\",\"value\":{\"displayName\":\"Sales\",\"externalId\":\"e-9\"}}");

        assertThat(result.memberIds()).containsExactly("u-4");
        assertThat(result.name()).isEqualTo("Sales");
        assertThat(result.externalId()).isEqualTo("e-9");
    }

    @Test
    void applyWhenReplaceWithFilterMatchingNothingThenNoTarget() {
        assertThatThrownBy(
                        () -> patchGroup(
                                "{\"op\":\"replace\",\"path\":\"members[value eq \\\"u-9\\\"]\",\"value\":[{\"value\":\"u-5\"}]}"))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("noTarget"));
    }

    @Test
    void applyWhenMemberFilterOnDisplayThenMatchedIgnoringCase() {
        assertThat(patchGroup("{\"op\":\"remove\",\"path\":\"members[display eq \\\"MONA\\\"]\"}")
                        .memberIds())
                .containsExactly("u-1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"op\":\"add\",\"path\":\"members\",\"value\":\"u-3\"}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"display\":\"x\"}]}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":3}]}",
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"g-2\",\"type\":\"Group\"}]}",
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":[\"x\"]}",
            })
    void applyWhenGroupValueUnfitThenInvalidValue(String operation) {
        assertThatThrownBy(() -> patchGroup(operation))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidValue"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"op\":\"replace\",\"path\":\"owner\",\"value\":\"x\"}",
                "{\"op\":\"remove\",\"path\":\"members[type eq \\\"User\\\"]\"}",
                "{\"op\":\"remove\",\"path\":\"members.value\"}",
                "{\"op\":\"replace\",\"path\":\"displayName.x\",\"value\":\"x\"}",
            })
    void applyWhenGroupPathUnsupportedThenInvalidPath(String operation) {
        assertThatThrownBy(() -> patchGroup(operation))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidPath"));
    }

    @Test
    void applyWhenGroupIdChangedThenMutability() {
        assertThatThrownBy(() -> patchGroup("{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}"))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("mutability"));
    }

    private static GroupPatchApplier.Result patchGroup(String... operations) {
        return GroupPatchApplier.apply(STAFF, MEMBERS, UserPatchApplierTest.operations(operations));
    }
}
