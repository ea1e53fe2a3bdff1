package dev.lamina.workflows.data;

import dev.lamina.workflows.asl.QueryLanguage;

/** The {@link Dataflow} of each query language. Both are stateless and shared. */
public final class Dataflows {
    private Dataflows() {
    }

    public static Dataflow of(QueryLanguage language) {
        return switch (language) {
            case JSONPATH -> JsonPathDataflow.INSTANCE;
            case JSONATA -> JsonataDataflow.INSTANCE;
        };
    }
}
