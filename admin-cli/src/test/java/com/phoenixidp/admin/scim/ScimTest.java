package com.phoenixidp.admin.scim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScimTest {

    @Test
    void equalsFilterWhenValueHasQuotesAndBackslashesThenJsonStringEscaped() {
        assertThat(Scim.equalsFilter("userName", "a\"b\\c")).isEqualTo("userName eq \"a\\\"b\\\\c\"");
    }

    @Test
    void removeMemberWhenIdThenValueFilterPath() {
        assertThat(Scim.removeMember("u-1").toString())
                .isEqualTo("{\"op\":\"remove\",\"path\":\"members[value eq \\\"u-1\\\"]\"}");
    }
}
