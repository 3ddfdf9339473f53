package com.phoenixidp.authserver.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a SCIM filter or PATCH path (RFC 7644 sections 3.4.2.2, 3.5.2) into tokens: words
 * (attribute paths, operators, {@code and}/{@code or}/{@code not}, {@code true}/{@code false}/
 * {@code null}), JSON strings (RFC 8259 section 7, escapes decoded), JSON numbers, parentheses,
 * brackets, and the {@code .subAttr} that may follow a value filter's closing bracket.
 */
final class ScimFilterLexer {

    enum Kind {
        WORD,
        STRING,
        NUMBER,
        OPEN_PAREN,
        CLOSE_PAREN,
        OPEN_BRACKET,
        CLOSE_BRACKET,
        SUB_ATTRIBUTE
    }

    record Token(Kind kind, String text) {

        String describe() {
            return switch (this.kind) {
                case STRING -> "a string";
                case OPEN_PAREN -> "'('";
                case CLOSE_PAREN -> "')'";
                case OPEN_BRACKET -> "'['";
                case CLOSE_BRACKET -> "']'";
                case SUB_ATTRIBUTE -> "'." + this.text + "'";
                default -> "'" + this.text + "'";
            };
        }
    }

    // RFC 8259 section 6
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private ScimFilterLexer() {}

    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '(' || c == ')' || c == '[' || c == ']') {
                tokens.add(new Token(bracket(c), String.valueOf(c)));
                i++;
            } else if (c == '"') {
                StringBuilder value = new StringBuilder();
                i = string(text, i + 1, value);
                tokens.add(new Token(Kind.STRING, value.toString()));
            } else if (c == '.'
                    && !tokens.isEmpty()
                    && tokens.get(tokens.size() - 1).kind() == Kind.CLOSE_BRACKET) {
                int end = wordEnd(text, i + 1);
                tokens.add(new Token(Kind.SUB_ATTRIBUTE, text.substring(i + 1, end)));
                i = end;
            } else if (isWordChar(c)) {
                int end = wordEnd(text, i);
                String word = text.substring(i, end);
                tokens.add(new Token(NUMBER.matcher(word).matches() ? Kind.NUMBER : Kind.WORD, word));
                i = end;
            } else {
                throw ScimException.invalidFilter("unexpected character at position " + (i + 1));
            }
        }
        return tokens;
    }

    private static Kind bracket(char c) {
        return switch (c) {
            case '(' -> Kind.OPEN_PAREN;
            case ')' -> Kind.CLOSE_PAREN;
            case '[' -> Kind.OPEN_BRACKET;
            default -> Kind.CLOSE_BRACKET;
        };
    }

    private static boolean isWordChar(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-'
                || c == ':'
                || c == '$'
                || c == '+';
    }

    private static int wordEnd(String text, int start) {
        int end = start;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Reads a JSON string body from {@code start} (after the quote); returns the index after it. */
    private static int string(String text, int start, StringBuilder out) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20) {
                throw ScimException.invalidFilter("a control character inside a string must be escaped");
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                break;
            }
            char escape = text.charAt(i + 1);
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 6 > text.length()) {
                        throw ScimException.invalidFilter("a \\u escape needs four hex digits");
                    }
                    out.append((char) hex(text.substring(i + 2, i + 6)));
                    i += 4;
                }
                default -> throw ScimException.invalidFilter("'\\" + escape + "' is not a JSON string escape");
            }
            i += 2;
        }
        throw ScimException.invalidFilter("a string is not closed with '\"'");
    }

    private static int hex(String digits) {
        int value = 0;
        for (int k = 0; k < digits.length(); k++) {
            int digit = Character.digit(digits.charAt(k), 16);
            if (digit < 0) {
                throw ScimException.invalidFilter("a \\u escape needs four hex digits");
            }
            value = value * 16 + digit;
        }
        return value;
    }
}
