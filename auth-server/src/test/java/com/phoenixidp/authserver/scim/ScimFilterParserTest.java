package com.phoenixidp.authserver.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.management.Filter.And;
import com.phoenixidp.authserver.management.Filter.Compare;
import com.phoenixidp.authserver.management.Filter.Not;
import com.phoenixidp.authserver.management.Filter.Operator;
import com.phoenixidp.authserver.management.Filter.Or;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 7644 section 3.4.2.2 filter grammar and the section 3.5.2 PATCH path grammar. */
class ScimFilterParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"})
    void parseFilterWhenEachComparisonOperatorThenCompare(String op) {
        Filter filter = ScimFilterParser.parseFilter("userName " + op + " \"bjensen\"");

        assertThat(filter).isEqualTo(new Compare("username", Operator.valueOf(op.toUpperCase()), "bjensen"));
    }

    @Test
    void parseFilterWhenPresentThenCompareWithoutValue() {
        assertThat(ScimFilterParser.parseFilter("title pr")).isEqualTo(new Compare("title", Operator.PR, null));
    }

    @Test
    void parseFilterWhenKeywordsAndAttributeInAnyCaseThenSameFilter() {
        assertThat(ScimFilterParser.parseFilter("USERNAME EQ \"x\" AND Active Eq TRUE"))
                .isEqualTo(
                        new And(new Compare("username", Operator.EQ, "x"), new Compare("active", Operator.EQ, true)));
    }

    @Test
    void parseFilterWhenBooleansNumbersThenTypedValues() {
        assertThat(ScimFilterParser.parseFilter("active eq false"))
                .isEqualTo(new Compare("active", Operator.EQ, false));
        assertThat(ScimFilterParser.parseFilter("n gt -1.5e3"))
                .isEqualTo(new Compare("n", Operator.GT, new BigDecimal("-1.5e3")));
    }

    @Test
    void parseFilterWhenNullThenUnassignedOrPresent() {
        assertThat(ScimFilterParser.parseFilter("displayName eq null"))
                .isEqualTo(new Not(new Compare("displayname", Operator.PR, null)));
        assertThat(ScimFilterParser.parseFilter("displayName ne null"))
                .isEqualTo(new Compare("displayname", Operator.PR, null));
    }

    @Test
    void parseFilterWhenAndOrMixedThenAndBindsTighter() {
        Filter filter = ScimFilterParser.parseFilter("a eq \"1\" or b eq \"2\" and c eq \"3\"");

        assertThat(filter)
                .isEqualTo(new Or(
                        new Compare("a", Operator.EQ, "1"),
                        new And(new Compare("b", Operator.EQ, "2"), new Compare("c", Operator.EQ, "3"))));
    }

    @Test
    void parseFilterWhenParenthesesThenGroupingOverridesPrecedence() {
        Filter filter = ScimFilterParser.parseFilter("(a eq \"1\" or b eq \"2\") and c eq \"3\"");

        assertThat(filter)
                .isEqualTo(new And(
                        new Or(new Compare("a", Operator.EQ, "1"), new Compare("b", Operator.EQ, "2")),
                        new Compare("c", Operator.EQ, "3")));
    }

    @Test
    void parseFilterWhenOrChainThenLeftAssociative() {
        assertThat(ScimFilterParser.parseFilter("a pr or b pr or c pr"))
                .isEqualTo(new Or(
                        new Or(new Compare("a", Operator.PR, null), new Compare("b", Operator.PR, null)),
                        new Compare("c", Operator.PR, null)));
    }

    @Test
    void parseFilterWhenNotThenNegation() {
        assertThat(ScimFilterParser.parseFilter("not (userName sw \"a\") and active eq true"))
                .isEqualTo(new And(
                        new Not(new Compare("username", Operator.SW, "a")), new Compare("active", Operator.EQ, true)));
    }

    @Test
    void parseFilterWhenJsonEscapesThenDecoded() {
        Filter filter = ScimFilterParser.parseFilter("displayName eq \"a \\\"q\\\" \\\\ \\/ \\n \\u00e9\\u4e2d\"");

        assertThat(filter).isEqualTo(new Compare("displayname", Operator.EQ, "a \"q\" \\ / \n é中"));
    }

    @Test
    void parseFilterWhenSubAttributeAndCoreSchemaUrnThenLowerCasePathWithoutUrn() {
        assertThat(ScimFilterParser.parseFilter("urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq \"B\""))
                .isEqualTo(new Compare("name.givenname", Operator.EQ, "B"));
        assertThat(ScimFilterParser.parseFilter("emails.value co \"@example.com\""))
                .isEqualTo(new Compare("emails.value", Operator.CO, "@example.com"));
        assertThat(ScimFilterParser.parseFilter("meta.lastModified gt \"2011-05-13T04:42:34Z\""))
                .isEqualTo(new Compare("meta.lastmodified", Operator.GT, "2011-05-13T04:42:34Z"));
    }

    @Test
    void parseFilterWhenExtensionUrnThenKeptInAttribute() {
        assertThat(ScimFilterParser.parseFilter("urn:phoenixidp:scim:schemas:extension:2.0:User:source eq \"ldap\""))
                .isEqualTo(new Compare("urn:phoenixidp:scim:schemas:extension:2.0:user:source", Operator.EQ, "ldap"));
    }

    @Test
    void parseFilterWhenValuePathThenRewrittenOntoSubAttributes() {
        assertThat(ScimFilterParser.parseFilter("emails[type eq \"work\" and value co \"@example.com\"]"))
                .isEqualTo(new And(
                        new Compare("emails.type", Operator.EQ, "work"),
                        new Compare("emails.value", Operator.CO, "@example.com")));
    }

    @Test
    void parseFilterWhenExtraWhitespaceThenAccepted() {
        assertThat(ScimFilterParser.parseFilter("  ( userName   eq \"x\" )  "))
                .isEqualTo(new Compare("username", Operator.EQ, "x"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "userName",
                "userName eq",
                "userName eq bjensen",
                "userName xx \"a\"",
                "userName eq \"a",
                "userName eq \"a\\x\"",
                "userName eq \"\\u12\"",
                "userName eq \"\\u12zz\"",
                "userName eq \"a\" and",
                "userName eq \"a\" or or b pr",
                "and userName eq \"a\"",
                "(userName eq \"a\"",
                "userName eq \"a\")",
                "not userName eq \"a\"",
                "not (userName eq \"a\"",
                "userName pr \"a\"",
                "userName eq \"a\" userName eq \"b\"",
                "1abc eq \"a\"",
                "user..name eq \"a\"",
                "name.given.x eq \"a\"",
                "emails[type eq \"work\"",
                "emails[type eq \"work\"].value eq \"x\"",
                "emails[type[value eq \"a\"]]",
                "emails.value[type eq \"a\"]",
                "userName eq 'a'",
                "userName = \"a\"",
                "userName eq \"a\" & b pr",
                "n gt 1e9999999999",
                "n gt 01",
                "userName gt null",
                "[]",
                "()",
                ":eq \"a\"",
            })
    void parseFilterWhenMalformedThenInvalidFilter(String filter) {
        assertThatThrownBy(() -> ScimFilterParser.parseFilter(filter))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidFilter"))
                .satisfies((ex) -> assertThat(((ScimException) ex).status()).isEqualTo(400));
    }

    @Test
    void parseFilterWhenUnescapedControlCharacterThenInvalidFilter() {
        assertThatThrownBy(() -> ScimFilterParser.parseFilter("userName eq \"a\tb\""))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidFilter"));
    }

    @Test
    void parseFilterWhenNestedTooDeepThenInvalidFilterNotStackOverflow() {
        String deep = "(".repeat(2000) + "a pr" + ")".repeat(2000);

        assertThatThrownBy(() -> ScimFilterParser.parseFilter(deep))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidFilter"));
    }

    @Test
    void parseFilterWhenTooLongThenInvalidFilter() {
        String longFilter = "userName eq \"" + "a".repeat(ScimFilterParser.MAX_LENGTH) + "\"";

        assertThatThrownBy(() -> ScimFilterParser.parseFilter(longFilter))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidFilter"));
    }

    @Test
    void parseFilterWhenNestedWithinLimitThenParsed() {
        String nested = "(".repeat(10) + "a pr" + ")".repeat(10);

        assertThat(ScimFilterParser.parseFilter(nested)).isEqualTo(new Compare("a", Operator.PR, null));
    }

    @Test
    void parsePathWhenPlainOrSubAttributeThenPath() {
        assertThat(ScimFilterParser.parsePath("active")).isEqualTo(new ScimPath("active", null, null));
        assertThat(ScimFilterParser.parsePath("name.givenName")).isEqualTo(new ScimPath("name", "givenname", null));
        assertThat(ScimFilterParser.parsePath("urn:ietf:params:scim:schemas:core:2.0:User:userName"))
                .isEqualTo(new ScimPath("username", null, null));
    }

    @Test
    void parsePathWhenValuePathWithSubAttributeThenFilterRelativeToAttribute() {
        assertThat(ScimFilterParser.parsePath("emails[type eq \"work\"].value"))
                .isEqualTo(new ScimPath("emails", "value", new Compare("type", Operator.EQ, "work")));
        assertThat(ScimFilterParser.parsePath("members[value eq \"2819c223\"]"))
                .isEqualTo(new ScimPath("members", null, new Compare("value", Operator.EQ, "2819c223")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "members[value eq \"a\"",
                "members[value eq \"a\"].",
                "members[value eq \"a\"].1x",
                "members[]",
                "members[value]",
                "name.givenName[value eq \"a\"]",
                "userName eq \"a\"",
                "a b",
                "\"userName\"",
                "members[value eq \"a\"] x",
            })
    void parsePathWhenMalformedThenInvalidPath(String path) {
        assertThatThrownBy(() -> ScimFilterParser.parsePath(path))
                .isInstanceOfSatisfying(
                        ScimException.class, (ex) -> assertThat(ex.scimType()).isEqualTo("invalidPath"));
    }
}
