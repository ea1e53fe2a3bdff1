package dev.lamina.invoke;

/** What the runtime said about one invocation, through the Runtime API. */
sealed interface RuntimeAnswer {
    /** POST /runtime/invocation/{id}/response. */
    record Response(byte[] payload) implements RuntimeAnswer {
    }

    /**
     * POST /runtime/invocation/{id}/error.
     *
     * @param errorType the Lambda-Runtime-Function-Error-Type header, or "Unhandled" when absent
     */
    record Error(String errorType, byte[] payload) implements RuntimeAnswer {
    }

    /** The response was larger than Lambda's 6 MB limit. */
    record TooLarge() implements RuntimeAnswer {
    }

    /**
     * POST /runtime/invocation/{id}/response with {@code Lambda-Runtime-Function-Response-Mode:
     * streaming}: the body follows in {@code stream} as the runtime writes it.
     */
    record Streaming(ResponseStream stream) implements RuntimeAnswer {
    }
}
