package com.phoenixidp.authserver.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 4515 escaping of values put into configured filter templates. */
class LdapFiltersTest {

    @Test
    void encodeValueWhenSpecialCharactersThenEachEscapedAsBackslashHex() {
        assertThat(LdapFilters.encodeValue("*")).isEqualTo("\\2a");
        assertThat(LdapFilters.encodeValue("(")).isEqualTo("\\28");
        assertThat(LdapFilters.encodeValue(")")).isEqualTo("\\29");
        assertThat(LdapFilters.encodeValue("\\")).isEqualTo("\\5c");
        assertThat(LdapFilters.encodeValue("\0")).isEqualTo("\\00");
        assertThat(LdapFilters.encodeValue("*)(uid=*")).isEqualTo("\\2a\\29\\28uid=\\2a");
    }

    @Test
    void encodeValueWhenOrdinaryTextThenUnchanged() {
        assertThat(LdapFilters.encodeValue("lena.lindqvist@example.org")).isEqualTo("lena.lindqvist@example.org");
        assertThat(LdapFilters.encodeValue("Åsa Öberg-Müller")).isEqualTo("Åsa Öberg-Müller");
    }

    @Test
    void createWhenInjectionAttemptThenOneEqualityFilterWhoseValueIsTheWholeInput() throws LDAPException {
        Filter filter = LdapFilters.create("(uid={0})", "*)(uid=*");

        assertThat(filter.getFilterType()).isEqualTo(Filter.FILTER_TYPE_EQUALITY);
        assertThat(filter.getAttributeName()).isEqualTo("uid");
        assertThat(filter.getAssertionValue()).isEqualTo("*)(uid=*");
        // it matches an entry with that literal uid only, not every entry
        assertThat(filter.matchesEntry(new Entry(
                        "uid=lena,dc=example,dc=org",
                        List.of(
                                new com.unboundid.ldap.sdk.Attribute("objectClass", "inetOrgPerson"),
                                new com.unboundid.ldap.sdk.Attribute("uid", "lena")))))
                .isFalse();
    }

    @Test
    void createWhenWildcardTypedThenNoSubstringFilter() {
        Filter filter = LdapFilters.create("(&(objectClass=person)(sAMAccountName={0}))", "adm*");

        assertThat(filter.toString()).isEqualTo("(&(objectClass=person)(sAMAccountName=adm\\2a))");
        assertThat(filter.getComponents()[1].getFilterType()).isEqualTo(Filter.FILTER_TYPE_EQUALITY);
    }

    @Test
    void formatWhenSeveralPlaceholdersThenEachReplacedByItsEscapedValue() {
        assertThat(LdapFilters.format("(|(member={0})(memberUid={1}))", "uid=a(b),dc=x", "a*"))
                .isEqualTo("(|(member=uid=a\\28b\\29,dc=x)(memberUid=a\\2a))");
    }

    @Test
    void formatWhenTemplateUsesMissingPlaceholderThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> LdapFilters.format("(uid={1})", "x"));
    }

    @Test
    void validateWhenTemplateIsNotAFilterThenStartupMessageNamesTheProperty() {
        assertThatIllegalStateException()
                .isThrownBy(() -> LdapFilters.validate("phoenix.ldap.user-search-filter", "(uid={0}", 1))
                .withMessageContaining("phoenix.ldap.user-search-filter");
    }

    @Test
    void mapToRolesWhenMappingRenamesOrDropsThenOthersKeepTheirName() {
        List<String> roles = LdapDirectory.mapToRoles(
                List.of("Developers", "staff", "nobody", "staff"), Map.of("developers", "developer", "nobody", ""));

        assertThat(roles).containsExactly("developer", "staff");
    }

    @Test
    void firstRdnValueWhenGroupDnThenItsCommonName() {
        assertThat(LdapDirectory.firstRdnValue("CN=Domain Admins,CN=Users,DC=corp,DC=example"))
                .isEqualTo("Domain Admins");
    }
}
