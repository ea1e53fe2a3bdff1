package dev.lamina.gateway.v2;

import dev.lamina.gateway.GatewayContext;
import dev.lamina.gateway.payload.V2Event;
import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.SignatureCheck;

import java.util.Optional;

/**
 * AWS_IAM routes: the request must be SigV4-signed for {@code execute-api} by a caller allowed
 * {@code execute-api:Invoke} on {@code arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>};
 * otherwise 403. The account's root may do everything, as in IAM; other callers are evaluated by the
 * edge's {@link dev.lamina.gateway.web.SignatureCheck#allows} with their identity policies.
 */
final class IamAuthorization {
    private IamAuthorization() {
    }

    static Authorization authorize(GatewayContext context, InvokePermission arns, Payloads.Routed routed, String path) {
        Optional<IamCaller> caller;
        try {
            caller = context.signatures().verify(routed.request(), "execute-api");
        } catch (SignatureCheck.Rejected e) {
            return new Authorization.Denied(Replies.of(403, e.getMessage().replace("\"", "'")));
        }
        if (caller.isEmpty()) {
            return new Authorization.Denied(Replies.FORBIDDEN);
        }
        String resource = arns.requestArn(routed.apiId(), routed.stage(), routed.request().method(), path);
        boolean root = caller.get().userArn().endsWith(":root");
        if (!root && !context.signatures().allows(caller.get(), "execute-api:Invoke", resource)) {
            return new Authorization.Denied(Replies.FORBIDDEN);
        }
        return new Authorization.Allowed(Optional.of(V2Event.iamAuthorizer(caller.get())), Optional.empty());
    }
}
