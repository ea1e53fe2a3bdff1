package dev.lamina.gateway.rest;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URI of a Lambda integration (and of a Lambda authorizer):
 * {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations},
 * whose function ARN may name stage variables ({@code ${stageVariables.fn}}), resolved per request.
 */
final class LambdaUri {
    private static final Pattern URI = Pattern.compile(
            "arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(?<fn>[^/]+)/invocations");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    private LambdaUri() {
    }

    /** The function ARN (or name) the URI invokes, still with its stage variables; empty when it is not Lambda's. */
    static Optional<String> function(String uri) {
        Matcher m = URI.matcher(uri);
        return m.matches() ? Optional.of(m.group("fn")) : Optional.empty();
    }

    /** Whether the URI names a service action or path at all ({@code arn:aws:apigateway:<region>:<service>:...}). */
    static boolean awsServiceArn(String uri) {
        return uri.matches("arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:[a-z0-9.-]+:(path|action)/.+");
    }

    /** Replaces {@code ${stageVariables.x}} with the stage's value ({@code ""} when the stage has none). */
    static String resolve(String text, Map<String, String> variables) {
        Matcher m = STAGE_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
