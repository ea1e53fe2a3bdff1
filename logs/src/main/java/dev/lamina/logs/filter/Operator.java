package dev.lamina.logs.filter;

/** The comparison operators of JSON and space-delimited patterns. */
enum Operator {
    EQUAL("="), NOT_EQUAL("!="), LESS("<"), GREATER(">"), LESS_OR_EQUAL("<="), GREATER_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    static Operator of(String symbol) {
        for (Operator operator : values()) {
            if (operator.symbol.equals(symbol)) {
                return operator;
            }
        }
        throw new IllegalArgumentException("not an operator: " + symbol);
    }

    String symbol() {
        return symbol;
    }

    /** {@code < > <= >=}: numbers only. */
    boolean numeric() {
        return this != EQUAL && this != NOT_EQUAL;
    }

    boolean compare(double actual, double expected) {
        return switch (this) {
            case EQUAL -> actual == expected;
            case NOT_EQUAL -> actual != expected;
            case LESS -> actual < expected;
            case GREATER -> actual > expected;
            case LESS_OR_EQUAL -> actual <= expected;
            case GREATER_OR_EQUAL -> actual >= expected;
        };
    }
}
