package dev.lamina.control;

import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One function URL's configuration.
 *
 * @param urlId      the URL's id: 32 lower-case letters and digits, its host's first label
 * @param alias      the alias the URL invokes; empty for the unqualified function ($LATEST)
 * @param invokeMode empty when never set: Create and Update then leave it out of their answers, and
 *                   Get and List report BUFFERED, as Lambda does
 * @param arn        the function's ARN, qualified by the alias when there is one
 */
public record FunctionUrlConfig(String urlId, FunctionName function, Optional<Qualifier.Alias> alias,
                                AuthType authType, Optional<InvokeMode> invokeMode, Optional<Cors> cors,
                                Instant created, Instant lastModified, FunctionArn arn) {
    public FunctionUrlConfig {
        Objects.requireNonNull(urlId);
        Objects.requireNonNull(function);
        Objects.requireNonNull(alias);
        Objects.requireNonNull(authType);
        Objects.requireNonNull(invokeMode);
        Objects.requireNonNull(cors);
        Objects.requireNonNull(created);
        Objects.requireNonNull(lastModified);
        Objects.requireNonNull(arn);
    }

    public enum AuthType { NONE, AWS_IAM }

    public enum InvokeMode { BUFFERED, RESPONSE_STREAM }

    /** The invoke mode in effect: BUFFERED unless RESPONSE_STREAM was set. */
    public InvokeMode effectiveInvokeMode() {
        return invokeMode.orElse(InvokeMode.BUFFERED);
    }

    /**
     * The URL's CORS settings, each member as the caller gave it (absent when not given: Lambda
     * answers only the members that were set).
     */
    public record Cors(Optional<Boolean> allowCredentials, Optional<List<String>> allowHeaders,
                       Optional<List<String>> allowMethods, Optional<List<String>> allowOrigins,
                       Optional<List<String>> exposeHeaders, Optional<Integer> maxAge) {
        public Cors {
            allowHeaders = allowHeaders.map(List::copyOf);
            allowMethods = allowMethods.map(List::copyOf);
            allowOrigins = allowOrigins.map(List::copyOf);
            exposeHeaders = exposeHeaders.map(List::copyOf);
        }
    }
}
