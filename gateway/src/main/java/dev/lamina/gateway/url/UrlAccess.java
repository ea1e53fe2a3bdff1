package dev.lamina.gateway.url;

import dev.lamina.control.FunctionUrlConfig;
import dev.lamina.control.Permissions;
import dev.lamina.control.policy.AccessRequest;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyEngine;
import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.SignatureCheck;
import dev.lamina.gateway.web.WebRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call a function URL, decided as Lambda decides it.
 *
 * <p>AuthType NONE: nobody signs, and the function's resource policy (of the URL's alias, when it
 * has one) must allow principal {@code *} both {@code lambda:InvokeFunctionUrl} (the request
 * carries {@code lambda:FunctionUrlAuthType = NONE}) and, as Lambda requires of URLs since October
 * 2025, {@code lambda:InvokeFunction} (the request carries {@code lambda:InvokedViaFunctionUrl = true}).
 *
 * <p>AuthType AWS_IAM: the request must be signed with SigV4 for {@code lambda}, and the signer's
 * policies with the function's must allow both actions.
 */
final class UrlAccess {
    static final String INVOKE_URL = "lambda:InvokeFunctionUrl";
    static final String INVOKE = "lambda:InvokeFunction";

    /** The outcome: allowed (with the signer, for AWS_IAM), or which refusal to answer. */
    sealed interface Decision {
        record Allowed(Optional<IamCaller> caller) implements Decision {
        }

        record Forbidden() implements Decision {
        }

        record BadSignature(String reason) implements Decision {
        }
    }

    private final Permissions permissions;
    private final SignatureCheck signatures;

    UrlAccess(Permissions permissions, SignatureCheck signatures) {
        this.permissions = permissions;
        this.signatures = signatures;
    }

    Decision decide(FunctionUrlConfig url, WebRequest request) {
        String arn = url.arn().toString();
        if (url.authType() == FunctionUrlConfig.AuthType.NONE) {
            Optional<PolicyDocument> policy = permissions.policyFor(url.function(),
                    url.alias().map(a -> (dev.lamina.model.Qualifier) a));
            boolean allowed = anonymous(policy, INVOKE_URL, arn, Map.of("lambda:FunctionUrlAuthType", "NONE"))
                    && anonymous(policy, INVOKE, arn, Map.of("lambda:InvokedViaFunctionUrl", "true"));
            return allowed ? new Decision.Allowed(Optional.empty()) : new Decision.Forbidden();
        }
        Optional<IamCaller> caller;
        try {
            caller = signatures.verify(request, "lambda");
        } catch (SignatureCheck.Rejected e) {
            return new Decision.BadSignature(e.getMessage());
        }
        if (caller.isEmpty()) {
            return new Decision.Forbidden();
        }
        boolean allowed = signatures.allows(caller.get(), INVOKE_URL, arn) && signatures.allows(caller.get(), INVOKE, arn);
        return allowed ? new Decision.Allowed(caller) : new Decision.Forbidden();
    }

    private static boolean anonymous(Optional<PolicyDocument> policy, String action, String arn,
                                     Map<String, String> context) {
        AccessRequest request = new AccessRequest(action, arn, Optional.empty(), Optional.empty(), Optional.empty(),
                context);
        return PolicyEngine.evaluate(request, List.of(), policy).allowed();
    }
}
