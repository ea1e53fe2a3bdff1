package dev.lamina.server.auth;

import dev.lamina.model.FunctionName;
import dev.lamina.model.Qualifier;

import java.util.Optional;

/**
 * What one request asks to do, in IAM's terms: an action such as {@code lambda:InvokeFunction}
 * on a resource ARN (or {@code *}), and the function whose resource policy also has a say.
 */
record Target(String action, String resource, Optional<FunctionName> function, Optional<Qualifier> qualifier) {
    static Target anyResource(String action) {
        return new Target(action, "*", Optional.empty(), Optional.empty());
    }
}
