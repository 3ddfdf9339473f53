package com.phoenixidp.authserver.management;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A search filter over users or groups, the service layer's form of a SCIM filter (RFC 7644
 * section 3.4.2.2): comparisons on attributes joined by {@code and}, {@code or}, {@code not}.
 * Adapters parse their own syntax into it; repositories render it as SQL with bound parameters
 * (values never reach the SQL text).
 */
public sealed interface Filter {

    /** Comparison operators (RFC 7644 table 3); {@code PR} takes no value. */
    enum Operator {
        EQ,
        NE,
        CO,
        SW,
        EW,
        PR,
        GT,
        GE,
        LT,
        LE
    }

    /** {@code attribute op value}; the attribute is a lower-case path such as {@code username}. */
    record Compare(
            String attribute, Operator operator, @Nullable Object value) implements Filter {
        public Compare {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
            attribute = attribute.toLowerCase(Locale.ROOT);
        }
    }

    record And(Filter left, Filter right) implements Filter {}

    record Or(Filter left, Filter right) implements Filter {}

    record Not(Filter inner) implements Filter {}

    /** How an attribute is stored: its column and whether comparisons ignore case. */
    record Column(String sql, Kind kind) {

        /** Column kinds. */
        public enum Kind {
            TEXT_IGNORE_CASE,
            TEXT_EXACT,
            BOOLEAN,
            TIMESTAMP
        }
    }

    /**
     * Renders the filter as a SQL condition, adding bound values to {@code parameters}; an
     * attribute missing from {@code columns} or a value of the wrong type is an invalid filter.
     */
    static String toSql(Filter filter, Map<String, Column> columns, List<Object> parameters) {
        if (filter instanceof And and) {
            return "(" + toSql(and.left(), columns, parameters) + " AND " + toSql(and.right(), columns, parameters)
                    + ")";
        }
        if (filter instanceof Or or) {
            return "(" + toSql(or.left(), columns, parameters) + " OR " + toSql(or.right(), columns, parameters) + ")";
        }
        if (filter instanceof Not not) {
            return "(NOT " + toSql(not.inner(), columns, parameters) + ")";
        }
        Compare compare = (Compare) filter;
        Column column = columns.get(compare.attribute());
        if (column == null) {
            throw new InvalidFilterException("filtering on '" + compare.attribute() + "' is not supported");
        }
        return switch (column.kind()) {
            case BOOLEAN -> booleanSql(column, compare, parameters);
            case TIMESTAMP -> timestampSql(column, compare, parameters);
            default -> textSql(column, compare, parameters);
        };
    }

    private static String textSql(Column column, Compare compare, List<Object> parameters) {
        boolean ignoreCase = column.kind() == Column.Kind.TEXT_IGNORE_CASE;
        String col = ignoreCase ? "LOWER(" + column.sql() + ")" : column.sql();
        if (compare.operator() == Operator.PR) {
            return "(" + column.sql() + " IS NOT NULL AND " + column.sql() + " <> '')";
        }
        if (!(compare.value() instanceof String text)) {
            throw new InvalidFilterException("'" + compare.attribute() + "' is compared with a string");
        }
        String value = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        switch (compare.operator()) {
            case CO, SW, EW -> {
                String escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
                String pattern = switch (compare.operator()) {
                    case CO -> "%" + escaped + "%";
                    case SW -> escaped + "%";
                    default -> "%" + escaped;
                };
                parameters.add(pattern);
                return col + " LIKE ? ESCAPE '\\'";
            }
            case NE -> {
                parameters.add(value);
                return "(" + column.sql() + " IS NULL OR " + col + " <> ?)";
            }
            default -> {
                parameters.add(value);
                return col + " " + comparison(compare.operator()) + " ?";
            }
        }
    }

    private static String booleanSql(Column column, Compare compare, List<Object> parameters) {
        if (compare.operator() == Operator.PR) {
            return "(" + column.sql() + " IS NOT NULL)";
        }
        if (!(compare.value() instanceof Boolean bool)
                || (compare.operator() != Operator.EQ && compare.operator() != Operator.NE)) {
            throw new InvalidFilterException("'" + compare.attribute() + "' takes eq or ne with true or false");
        }
        parameters.add(bool);
        return column.sql() + ((compare.operator() == Operator.EQ) ? " = ?" : " <> ?");
    }

    private static String timestampSql(Column column, Compare compare, List<Object> parameters) {
        if (compare.operator() == Operator.PR) {
            return "(" + column.sql() + " IS NOT NULL)";
        }
        java.time.Instant instant;
        try {
            instant = java.time.Instant.parse(String.valueOf(compare.value()));
        } catch (java.time.format.DateTimeParseException ex) {
            throw new InvalidFilterException("'" + compare.attribute() + "' is compared with an RFC 3339 date-time");
        }
        if (EnumSetHolder.STRING_ONLY.contains(compare.operator())) {
            throw new InvalidFilterException("'" + compare.attribute() + "' takes eq, ne, gt, ge, lt, le");
        }
        parameters.add(instant.atOffset(java.time.ZoneOffset.UTC));
        return column.sql() + " " + comparison(compare.operator()) + " ?";
    }

    private static String comparison(Operator operator) {
        return switch (operator) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
            default -> throw new InvalidFilterException("operator " + operator + " needs a string attribute");
        };
    }

    /** Operators that only make sense on strings. */
    final class EnumSetHolder {
        static final java.util.Set<Operator> STRING_ONLY = java.util.EnumSet.of(Operator.CO, Operator.SW, Operator.EW);

        private EnumSetHolder() {}
    }

    /** A filter the store cannot evaluate (SCIM {@code invalidFilter}, 400). */
    final class InvalidFilterException extends ManagementException {

        private static final long serialVersionUID = 1L;

        public InvalidFilterException(String message) {
            super(Reason.INVALID_VALUE, "filter", message);
        }
    }
}
