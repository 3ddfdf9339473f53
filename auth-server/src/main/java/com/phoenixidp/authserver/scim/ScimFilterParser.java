package com.phoenixidp.authserver.scim;

import com.phoenixidp.authserver.management.Filter;
import com.phoenixidp.authserver.management.Filter.Operator;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parses the SCIM filter grammar of RFC 7644 section 3.4.2.2 into the service layer's
 * {@link Filter}, and PATCH paths (section 3.5.2, {@code PATH = attrPath / valuePath [subAttr]}).
 * Keywords and attribute paths are case-insensitive; string values are JSON strings; {@code and}
 * binds tighter than {@code or}; {@code not} takes a parenthesised filter. A value path such as
 * {@code emails[value co "@example.com"]} is rewritten onto the sub-attributes
 * ({@code emails.value co ...}), since every multi-valued attribute here holds one value. Every
 * malformed filter is a {@link ScimException} {@code invalidFilter}, a malformed path
 * {@code invalidPath}.
 */
final class ScimFilterParser {

    /** Longest filter accepted: provisioning clients send short ones; this bounds the work. */
    static final int MAX_LENGTH = 4096;

    /** Deepest nesting of parentheses and {@code not} accepted. */
    static final int MAX_DEPTH = 32;

    // RFC 7644: ATTRNAME = ALPHA *(nameChar), subAttr = "." ATTRNAME; "$ref" as in RFC 7643 2.4
    private static final Pattern NAME = Pattern.compile("(?:[A-Za-z][A-Za-z0-9_-]*|\\$ref)");

    private static final Pattern URN = Pattern.compile("[A-Za-z][A-Za-z0-9.+_-]*(?::[A-Za-z0-9.+_-]+)+");

    private final List<ScimFilterLexer.Token> tokens;

    private final boolean path;

    private int position;

    private int depth;

    private ScimFilterParser(List<ScimFilterLexer.Token> tokens, boolean path) {
        this.tokens = tokens;
        this.path = path;
    }

    /** A filter (the {@code filter} query parameter); attribute paths lower case, core URNs removed. */
    static Filter parseFilter(String text) {
        if (text == null || text.isBlank()) {
            throw ScimException.invalidFilter("the filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("the filter is longer than " + MAX_LENGTH + " characters");
        }
        ScimFilterParser parser = new ScimFilterParser(ScimFilterLexer.tokens(text), false);
        Filter filter = parser.orExpression(null);
        parser.expectEnd();
        return filter;
    }

    /** A PATCH path: {@code userName}, {@code name.givenName}, {@code emails[type eq "work"].value}. */
    static ScimPath parsePath(String text) {
        if (text == null || text.isBlank()) {
            throw ScimException.invalidPath("the path is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw ScimException.invalidPath("the path is longer than " + MAX_LENGTH + " characters");
        }
        try {
            ScimFilterParser parser = new ScimFilterParser(ScimFilterLexer.tokens(text), true);
            ScimPath result = parser.pathExpression();
            parser.expectEnd();
            return result;
        } catch (ScimException ex) {
            throw "invalidPath".equals(ex.scimType()) ? ex : ScimException.invalidPath(ex.getMessage());
        }
    }

    private ScimPath pathExpression() {
        AttributePath attribute = attributePath(next("an attribute path"));
        if (!peekIs(ScimFilterLexer.Kind.OPEN_BRACKET)) {
            return new ScimPath(attribute.name(), attribute.sub(), null);
        }
        if (attribute.sub() != null) {
            throw error("a value filter follows a multi-valued attribute, not '" + attribute.full() + "'");
        }
        this.position++;
        Filter valueFilter = orExpression(null);
        expect(ScimFilterLexer.Kind.CLOSE_BRACKET, "']'");
        String sub = null;
        if (peekIs(ScimFilterLexer.Kind.SUB_ATTRIBUTE)) {
            String name = this.tokens.get(this.position++).text();
            if (!NAME.matcher(name).matches()) {
                throw error("'" + name + "' is not a sub-attribute name");
            }
            sub = name.toLowerCase(Locale.ROOT);
        }
        return new ScimPath(attribute.name(), sub, valueFilter);
    }

    // FILTER = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"; "and" binds tighter than "or"
    private Filter orExpression(@Nullable String prefix) {
        Filter left = andExpression(prefix);
        while (peekKeyword("or")) {
            this.position++;
            left = new Filter.Or(left, andExpression(prefix));
        }
        return left;
    }

    private Filter andExpression(@Nullable String prefix) {
        Filter left = unary(prefix);
        while (peekKeyword("and")) {
            this.position++;
            left = new Filter.And(left, unary(prefix));
        }
        return left;
    }

    private Filter unary(@Nullable String prefix) {
        if (++this.depth > MAX_DEPTH) {
            throw error("the filter is nested deeper than " + MAX_DEPTH + " levels");
        }
        try {
            if (peekKeyword("not")
                    && this.position + 1 < this.tokens.size()
                    && this.tokens.get(this.position + 1).kind() == ScimFilterLexer.Kind.OPEN_PAREN) {
                this.position += 2;
                Filter inner = orExpression(prefix);
                expect(ScimFilterLexer.Kind.CLOSE_PAREN, "')'");
                return new Filter.Not(inner);
            }
            if (peekIs(ScimFilterLexer.Kind.OPEN_PAREN)) {
                this.position++;
                Filter inner = orExpression(prefix);
                expect(ScimFilterLexer.Kind.CLOSE_PAREN, "')'");
                return inner;
            }
            return attributeExpression(prefix);
        } finally {
            this.depth--;
        }
    }

    // attrExp = (attrPath SP "pr") / (attrPath SP compareOp SP compValue); valuePath = attrPath "[" valFilter "]"
    private Filter attributeExpression(@Nullable String prefix) {
        AttributePath attribute = attributePath(next("an attribute path"));
        String full = (prefix != null) ? prefix + "." + attribute.full() : attribute.full();
        if (peekIs(ScimFilterLexer.Kind.OPEN_BRACKET)) {
            if (prefix != null || attribute.sub() != null) {
                throw error("value filters cannot be nested or follow a sub-attribute");
            }
            this.position++;
            Filter inner = orExpression(full);
            expect(ScimFilterLexer.Kind.CLOSE_BRACKET, "']'");
            return inner;
        }
        ScimFilterLexer.Token opToken = next("an operator after '" + attribute.full() + "'");
        Operator operator = operator(opToken);
        if (operator == Operator.PR) {
            return new Filter.Compare(full, Operator.PR, null);
        }
        Object value = value(next("a value after '" + opToken.text() + "'"));
        if (value == null) {
            // RFC 7644 3.4.2.2: null matches an unassigned attribute
            return switch (operator) {
                case EQ -> new Filter.Not(new Filter.Compare(full, Operator.PR, null));
                case NE -> new Filter.Compare(full, Operator.PR, null);
                default -> throw error("null can only be compared with eq or ne");
            };
        }
        return new Filter.Compare(full, operator, value);
    }

    private AttributePath attributePath(ScimFilterLexer.Token token) {
        if (token.kind() != ScimFilterLexer.Kind.WORD) {
            throw error("expected an attribute path, found " + token.describe());
        }
        String text = token.text();
        String urn = null;
        String names = text;
        int colon = text.lastIndexOf(':');
        if (colon >= 0) {
            urn = text.substring(0, colon);
            names = text.substring(colon + 1);
            if (!URN.matcher(urn).matches()) {
                throw error("'" + text + "' is not an attribute path");
            }
        }
        String[] parts = names.split("\\.", -1);
        if (parts.length > 2
                || !NAME.matcher(parts[0]).matches()
                || (parts.length == 2 && !NAME.matcher(parts[1]).matches())) {
            throw error("'" + text + "' is not an attribute path");
        }
        String name = parts[0].toLowerCase(Locale.ROOT);
        if (urn != null && !ScimSchemas.isCore(urn)) {
            name = urn.toLowerCase(Locale.ROOT) + ":" + name;
        }
        String sub = (parts.length == 2) ? parts[1].toLowerCase(Locale.ROOT) : null;
        return new AttributePath(name, sub);
    }

    private Operator operator(ScimFilterLexer.Token token) {
        if (token.kind() == ScimFilterLexer.Kind.WORD) {
            try {
                return Operator.valueOf(token.text().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                // fall through: not an operator
            }
        }
        throw error("expected one of eq ne co sw ew gt ge lt le pr, found " + token.describe());
    }

    // compValue = false / null / true / number / string
    private @Nullable Object value(ScimFilterLexer.Token token) {
        return switch (token.kind()) {
            case STRING -> token.text();
            case NUMBER -> {
                try {
                    yield new BigDecimal(token.text());
                } catch (NumberFormatException | ArithmeticException ex) {
                    throw error("the number " + token.text() + " is out of range");
                }
            }
            case WORD -> {
                String word = token.text().toLowerCase(Locale.ROOT);
                if ("true".equals(word) || "false".equals(word)) {
                    yield Boolean.valueOf(word);
                }
                if ("null".equals(word)) {
                    yield null;
                }
                throw error("expected a value (a string in double quotes, a number, true, false or null), found "
                        + token.describe());
            }
            default -> throw error("expected a value, found " + token.describe());
        };
    }

    private boolean peekKeyword(String keyword) {
        return this.position < this.tokens.size()
                && this.tokens.get(this.position).kind() == ScimFilterLexer.Kind.WORD
                && this.tokens.get(this.position).text().equalsIgnoreCase(keyword);
    }

    private boolean peekIs(ScimFilterLexer.Kind kind) {
        return this.position < this.tokens.size()
                && this.tokens.get(this.position).kind() == kind;
    }

    private ScimFilterLexer.Token next(String expected) {
        if (this.position >= this.tokens.size()) {
            throw error("the filter ends where " + expected + " was expected");
        }
        return this.tokens.get(this.position++);
    }

    private void expect(ScimFilterLexer.Kind kind, String what) {
        ScimFilterLexer.Token token = next(what);
        if (token.kind() != kind) {
            throw error("expected " + what + ", found " + token.describe());
        }
    }

    private void expectEnd() {
        if (this.position < this.tokens.size()) {
            throw error("unexpected " + this.tokens.get(this.position).describe());
        }
    }

    private ScimException error(String detail) {
        return this.path ? ScimException.invalidPath(detail) : ScimException.invalidFilter(detail);
    }

    /** An attribute path: lower-case name (with a non-core URN prefix) and optional sub-attribute. */
    private record AttributePath(String name, @Nullable String sub) {

        String full() {
            return (this.sub != null) ? this.name + "." + this.sub : this.name;
        }
    }
}
