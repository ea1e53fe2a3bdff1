package dev.lamina.gateway.v2;

import dev.lamina.gateway.GatewaySettings;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;

import java.util.regex.Pattern;

/**
 * The function an AWS_PROXY integration (or a REQUEST authorizer) invokes: its URI is a Lambda
 * function ARN, or API Gateway's form
 * {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations}.
 */
final class LambdaTarget {
    private static final Pattern INVOCATIONS = Pattern.compile(
            "arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(arn:.+)/invocations");

    private LambdaTarget() {
    }

    /** Whether the text looks like a Lambda target at all (quick create's Target may be an HTTP URL). */
    static boolean isLambda(String uri) {
        return uri.startsWith("arn:") && (uri.contains(":lambda:function:") || INVOCATIONS.matcher(uri).matches()
                || uri.matches("arn:aws[a-zA-Z-]*:lambda:.*"));
    }

    /** The function of a URI, checked to be a function ARN of this region and account. */
    static FunctionRef parse(String uri, GatewaySettings settings) {
        var m = INVOCATIONS.matcher(uri);
        String arn = m.matches() ? m.group(1) : uri;
        if (!arn.matches("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9$_-]+)?")) {
            throw Errors.badRequest("Invalid Lambda function ARN or URI: " + uri);
        }
        try {
            return FunctionRef.parse(arn, settings.region(), settings.account());
        } catch (LambdaException | IllegalArgumentException e) {
            throw Errors.badRequest("Invalid Lambda function ARN or URI: " + uri + " (" + e.getMessage() + ")");
        }
    }
}
