package dev.lamina.server.lambda;

import dev.lamina.control.PermissionGrant;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.server.http.Operation;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * AddPermission: {@code POST /2015-03-31/functions/{FunctionName}/policy}, 201 with the added
 * statement as JSON text. Every member is checked against the model before the policy changes.
 */
record AddPermission(LambdaApi api) implements Operation {
    @Override
    public ApiResponse handle(ApiRequest request) throws IOException {
        FunctionRef ref = api.functionRef(request);
        Optional<Qualifier> qualifier = ref.qualifierWith(api.qualifier(request));
        Fields f = new Fields(Json.readObject(request.body()));
        Violations v = new Violations();
        Optional<String> sid = f.string("StatementId");
        v.required("statementId", sid.orElse(null));
        v.length("statementId", sid.orElse(null), 1, 100);
        v.pattern("statementId", sid.orElse(null), "([a-zA-Z0-9-_]+)");
        Optional<String> action = f.string("Action");
        v.required("action", action.orElse(null));
        v.pattern("action", action.orElse(null), "(lambda:[*]|lambda:[a-zA-Z]+|[*])");
        Optional<String> principal = f.string("Principal");
        v.required("principal", principal.orElse(null));
        v.pattern("principal", principal.orElse(null), "[^\\s]+");
        Optional<String> sourceArn = f.string("SourceArn");
        v.pattern("sourceArn", sourceArn.orElse(null),
                "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
        Optional<String> sourceAccount = f.string("SourceAccount");
        v.length("sourceAccount", sourceAccount.orElse(null), 0, 12);
        v.pattern("sourceAccount", sourceAccount.orElse(null), "\\d{12}");
        Optional<String> token = f.string("EventSourceToken");
        v.length("eventSourceToken", token.orElse(null), 0, 256);
        v.pattern("eventSourceToken", token.orElse(null), "[a-zA-Z0-9._\\-]+");
        Optional<String> org = f.string("PrincipalOrgID");
        v.length("principalOrgID", org.orElse(null), 12, 34);
        v.pattern("principalOrgID", org.orElse(null), "o-[a-z0-9]{10,32}");
        Optional<String> urlAuth = f.string("FunctionUrlAuthType");
        v.oneOf("functionUrlAuthType", urlAuth.orElse(null), List.of("NONE", "AWS_IAM"));
        Optional<Boolean> viaUrl = f.bool("InvokedViaFunctionUrl");
        Optional<String> revision = f.string("RevisionId");
        v.throwIfAny();
        String statement = api.control().permissions().add(ref.name(), qualifier, new PermissionGrant(sid.get(),
                action.get(), principal.get(), sourceArn, sourceAccount, org, token, urlAuth, viaUrl), revision);
        return LambdaApi.created(Json.object().put("Statement", statement));
    }
}
