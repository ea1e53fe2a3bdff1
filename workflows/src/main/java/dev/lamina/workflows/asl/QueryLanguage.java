package dev.lamina.workflows.asl;

/** The language a state's fields are written in ({@code QueryLanguage}); JSONPath unless the definition says otherwise. */
public enum QueryLanguage {
    JSONPATH("JSONPath"), JSONATA("JSONata");

    private final String wire;

    QueryLanguage(String wire) {
        this.wire = wire;
    }

    /** As definitions spell it. */
    public String wire() {
        return wire;
    }

    public static java.util.Optional<QueryLanguage> parse(String text) {
        for (QueryLanguage q : values()) {
            if (q.wire.equals(text)) {
                return java.util.Optional.of(q);
            }
        }
        return java.util.Optional.empty();
    }
}
