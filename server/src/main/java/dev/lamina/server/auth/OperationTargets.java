package dev.lamina.server.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lamina.control.Tags;
import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.RequestBody;
import dev.lamina.server.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a Lambda operation to its IAM action and resource, as AWS's "Actions, resources, and
 * condition keys for AWS Lambda" lists them: the action is {@code lambda:<Operation>} (Invoke and
 * InvokeWithResponseStream are {@code lambda:InvokeFunction}); operations on a function name the
 * function's ARN, qualified when the request names a version or alias (in the name, or in
 * {@code Qualifier} for the operations that read it); TagResource, UntagResource and ListTags name the ARN they act on;
 * Get/Update/DeleteEventSourceMapping name the mapping's ARN
 * ({@code arn:aws:lambda:<region>:<account>:event-source-mapping:<UUID>}); operations
 * on the account (ListFunctions, GetAccountSettings, …) name {@code *}. Lamina's own routes that are
 * not AWS operations are named by their action ({@code lamina:GetUsage}) and name the function of
 * their {@code function} query parameter, else {@code *}; resource-based policies never apply to them.
 */
final class OperationTargets {
    /**
     * The operations whose input has a {@code Qualifier} query parameter in the Lambda model
     * (service-2.json; OperationTargetsTest checks this list against it). Any other operation
     * ignores {@code ?Qualifier=}, so it must not qualify the resource either: PUT
     * .../functions/app/code?Qualifier=dev replaces app's $LATEST and is authorized on app.
     */
    static final Set<String> QUALIFIER_IN_QUERY = Set.of("AddPermission", "CreateFunctionUrlConfig",
            "DeleteFunction", "DeleteFunctionEventInvokeConfig", "DeleteFunctionUrlConfig",
            "DeleteProvisionedConcurrencyConfig", "GetFunction", "GetFunctionConfiguration",
            "GetFunctionEventInvokeConfig", "GetFunctionScalingConfig", "GetFunctionUrlConfig", "GetPolicy",
            "GetProvisionedConcurrencyConfig", "GetRuntimeManagementConfig", "Invoke", "InvokeWithResponseStream",
            "ListDurableExecutionsByFunction", "PutFunctionEventInvokeConfig", "PutFunctionScalingConfig",
            "PutProvisionedConcurrencyConfig", "PutRuntimeManagementConfig", "RemovePermission",
            "UpdateFunctionEventInvokeConfig", "UpdateFunctionUrlConfig");

    /** Lamina's own routes, which are not AWS operations, are named by their action: lamina:GetUsage. */
    private static final String LAMINA_PREFIX = "lamina:";

    private final Region region;
    private final AccountId account;

    OperationTargets(Region region, AccountId account) {
        this.region = region;
        this.account = account;
    }

    static String action(String operation) {
        return switch (operation) {
            case "Invoke", "InvokeWithResponseStream" -> "lambda:InvokeFunction";
            default -> operation.startsWith(LAMINA_PREFIX) ? operation : "lambda:" + operation;
        };
    }

    /** The target of a request whose resource is in its path or query. */
    Target target(String operation, ApiRequest request) {
        String action = action(operation);
        if (operation.startsWith(LAMINA_PREFIX)) {
            // A report on one function (?function=) is on that function's ARN, so that a policy can
            // let a team read its own functions' usage; on all of them, it is on *.
            return request.queryParam("function").map(f -> function(action, f, Optional.empty()))
                    .map(t -> new Target(t.action(), t.resource(), Optional.empty(), Optional.empty()))
                    .orElseGet(() -> Target.anyResource(action));
        }
        String function = request.pathParams().get("FunctionName");
        if (function != null) {
            return function(action, function, QUALIFIER_IN_QUERY.contains(operation)
                    ? request.queryParam("Qualifier") : Optional.empty());
        }
        String resource = request.pathParams().get("Resource");
        if (resource != null) {
            return tagged(action, resource);
        }
        String mapping = request.pathParams().get("UUID");
        if (mapping != null) {
            // Get/Update/DeleteEventSourceMapping act on the mapping's ARN; Create and List on *.
            return new Target(action, "arn:aws:lambda:" + region.name() + ":" + account.id()
                    + ":event-source-mapping:" + mapping, Optional.empty(), Optional.empty());
        }
        return Target.anyResource(action);
    }

    /**
     * Reads the body of an operation whose authorization depends on it: CreateFunction names its
     * function there, and CreateFunction and UpdateFunctionConfiguration name the execution role
     * the caller must be allowed to pass ({@code iam:PassRole}). The body is read (it is already
     * bounded by the operation's limit) and handed back as a fresh stream for the operation.
     */
    BodyTarget fromBody(String operation, ApiRequest request) {
        byte[] body;
        try {
            body = request.body().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApiRequest again = new ApiRequest(request.requestId(), request.method(), request.path(), request.pathParams(),
                request.query(), request.rawQuery(), request::header, RequestBody.of(body), request.callerHost());
        Target target = operation.equals("CreateFunction")
                ? function(action(operation), topLevelString(body, "FunctionName").orElse("*"), Optional.empty())
                : target(operation, request);
        return new BodyTarget(target, topLevelString(body, "Role"), again);
    }

    /** @param role the {@code Role} member of the body, when it is a string */
    record BodyTarget(Target target, Optional<String> role, ApiRequest request) {
    }

    private Target function(String action, String name, Optional<String> qualifierParam) {
        try {
            FunctionRef ref = FunctionRef.parse(name, region, account);
            Optional<Qualifier> q = ref.qualifier().or(() -> qualifierParam.flatMap(OperationTargets::qualifier));
            FunctionArn arn = FunctionArn.of(region, account, ref.name());
            return new Target(action, q.map(arn::withQualifier).orElse(arn).toString(), Optional.of(ref.name()), q);
        } catch (LambdaException | IllegalArgumentException e) {
            // Not a valid name: the operation refuses it; the check still runs, on what was asked for.
            return new Target(action, "arn:aws:lambda:" + region + ":" + account + ":function:" + name,
                    Optional.empty(), Optional.empty());
        }
    }

    /**
     * A tag operation's target: the canonical ARN of the function its Resource names, parsed as the
     * operation parses it (so a resource-scoped Deny cannot be dodged with another spelling), with
     * the function, so its resource policy is consulted. Text the operation refuses is checked as sent.
     */
    private Target tagged(String action, String resource) {
        try {
            FunctionName name = Tags.taggedFunction(resource, region, account);
            return new Target(action, FunctionArn.of(region, account, name).toString(), Optional.of(name),
                    Optional.empty());
        } catch (LambdaException | IllegalArgumentException e) {
            return new Target(action, resource, Optional.empty(), Optional.empty());
        }
    }

    private static Optional<Qualifier> qualifier(String raw) {
        try {
            return Optional.of(Qualifier.parse(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A string member at the top level of a JSON object, found without building the tree. The
     * whole document is read, so a duplicate member anywhere fails here as it fails the operation.
     */
    private static Optional<String> topLevelString(byte[] body, String member) {
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            Optional<String> found = Optional.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(member) && value == JsonToken.VALUE_STRING) {
                    found = Optional.of(p.getText());
                }
                p.skipChildren();
            }
            return found;
        } catch (IOException e) {
            return Optional.empty(); // not JSON: the operation answers that
        }
    }
}
