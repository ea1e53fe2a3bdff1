package dev.lamina.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.control.policy.PolicyDocument;
import dev.lamina.control.policy.PolicyParser;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.store.Store;
import dev.lamina.store.Transaction;
import dev.lamina.store.iam.FunctionPolicy;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Optional;

/**
 * Functions' resource-based policies: AddPermission, RemovePermission, GetPolicy, and the parsed
 * policy the authorizer consults. One policy per function and qualifier; no qualifier and
 * {@code $LATEST} share the unqualified function's policy. The stored text is exactly what
 * GetPolicy returns, with statements in the order they were added.
 */
public final class Permissions {
    /** AWS's limit on the size of one function's policy. */
    static final int MAX_POLICY_BYTES = 20_480;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Resolver resolver;
    private final ReadCache<PolicyKey, Optional<PolicyDocument>> parsed;

    private record PolicyKey(FunctionName function, String qualifier) {
    }

    Permissions(Store store, Resolver resolver) {
        this.store = store;
        this.resolver = resolver;
        this.parsed = new ReadCache<>(store);
    }

    /** Adds one statement; returns it as JSON text, as AddPermission answers. */
    public String add(FunctionName function, Optional<Qualifier> qualifier, PermissionGrant grant,
                      Optional<String> revisionId) {
        ObjectNode statement = statement(function, qualifier, grant);
        return store.write(tx -> {
            String key = key(tx, function, qualifier);
            Optional<FunctionPolicy> current = tx.functionPolicies().find(function, key);
            expectRevision(revisionId, current);
            ObjectNode policy = current.map(p -> read(p.policy())).orElseGet(Permissions::emptyPolicy);
            ArrayNode statements = (ArrayNode) policy.get("Statement");
            for (JsonNode s : statements) {
                if (s.path("Sid").asText().equals(grant.statementId())) {
                    throw LambdaException.conflict("The statement id (" + grant.statementId()
                            + ") provided already exists. Please choose another statement id.");
                }
            }
            statements.add(statement);
            String text = policy.toString();
            int size = text.getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_POLICY_BYTES) {
                throw new LambdaException(ErrorCode.POLICY_LENGTH_EXCEEDED, "The final policy size (" + size
                        + ") is bigger than the limit (" + MAX_POLICY_BYTES + ").");
            }
            tx.functionPolicies().put(new FunctionPolicy(function, key, text, Revisions.next()));
            return statement.toString();
        });
    }

    /** Removes the statement with this id; removing the last one removes the policy. */
    public void remove(FunctionName function, Optional<Qualifier> qualifier, String statementId,
                       Optional<String> revisionId) {
        store.write(tx -> {
            String key = key(tx, function, qualifier);
            FunctionPolicy current = tx.functionPolicies().find(function, key).orElseThrow(
                    () -> LambdaException.notFound("No policy is associated with the given resource."));
            expectRevision(revisionId, Optional.of(current));
            ObjectNode policy = read(current.policy());
            boolean removed = false;
            for (Iterator<JsonNode> it = policy.get("Statement").iterator(); it.hasNext(); ) {
                if (it.next().path("Sid").asText().equals(statementId)) {
                    it.remove();
                    removed = true;
                }
            }
            if (!removed) {
                throw LambdaException.notFound("Statement " + statementId + " is not found in resource policy.");
            }
            if (policy.get("Statement").isEmpty()) {
                tx.functionPolicies().delete(function, key);
            } else {
                tx.functionPolicies().put(new FunctionPolicy(function, key, policy.toString(), Revisions.next()));
            }
            return null;
        });
    }

    public FunctionPolicyView get(FunctionName function, Optional<Qualifier> qualifier) {
        return store.read(tx -> tx.functionPolicies().find(function, key(tx, function, qualifier)))
                .map(p -> new FunctionPolicyView(p.policy(), p.revisionId()))
                .orElseThrow(() -> LambdaException.notFound("The resource you requested does not exist."));
    }

    /**
     * The policy that governs calls on a function (qualified or not), parsed; empty when it has
     * none or does not exist. Never fails: the operation itself reports a missing function.
     */
    public Optional<PolicyDocument> policyFor(FunctionName function, Optional<Qualifier> qualifier) {
        String key = qualifier.filter(q -> !(q instanceof Qualifier.Latest)).map(Qualifier::value).orElse("");
        return parsed.get(new PolicyKey(function, key), k -> store.read(tx -> tx.functionPolicies()
                .find(k.function(), k.qualifier())).map(p -> PolicyParser.parse(p.policy(), PolicyDocument.Kind.RESOURCE)));
    }

    /** The policy's key for a qualifier that exists: '' for the function itself and $LATEST. */
    private String key(Transaction tx, FunctionName function, Optional<Qualifier> qualifier) {
        if (qualifier.isEmpty() || qualifier.get() instanceof Qualifier.Latest) {
            resolver.function(tx, function);
            return "";
        }
        resolver.version(tx, function, qualifier);
        return qualifier.get().value();
    }

    private static void expectRevision(Optional<String> expected, Optional<FunctionPolicy> current) {
        if (expected.isPresent() && !current.map(FunctionPolicy::revisionId).equals(expected)) {
            throw LambdaException.preconditionFailed("The Revision Id provided does not match the latest Revision Id."
                    + " Call the GetPolicy API to retrieve the latest Revision Id");
        }
    }

    /** The statement exactly as AWS writes it: Principal by type, conditions on AWS's keys. */
    private ObjectNode statement(FunctionName function, Optional<Qualifier> qualifier, PermissionGrant g) {
        ObjectNode s = JSON.createObjectNode();
        s.put("Sid", g.statementId());
        s.put("Effect", "Allow");
        String p = g.principal();
        if (p.equals("*")) {
            s.put("Principal", "*");
        } else if (p.matches("\\d{12}")) {
            s.putObject("Principal").put("AWS", "arn:aws:iam::" + p + ":root");
        } else if (p.startsWith("arn:")) {
            s.putObject("Principal").put("AWS", p);
        } else if (p.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+")) {
            s.putObject("Principal").put("Service", p);
        } else {
            throw LambdaException.invalidParameter("The provided principal was invalid. Please check the principal"
                    + " and try again.");
        }
        s.put("Action", g.action());
        s.put("Resource", qualifier.filter(q -> !(q instanceof Qualifier.Latest))
                .map(q -> resolver.arn(function, q)).orElseGet(() -> resolver.arn(function)).toString());
        ObjectNode condition = JSON.createObjectNode();
        g.sourceAccount().ifPresent(v -> condition.with("StringEquals").put("AWS:SourceAccount", v));
        g.principalOrgId().ifPresent(v -> condition.with("StringEquals").put("aws:PrincipalOrgID", v));
        g.eventSourceToken().ifPresent(v -> condition.with("StringEquals").put("lambda:EventSourceToken", v));
        g.functionUrlAuthType().ifPresent(v -> condition.with("StringEquals").put("lambda:FunctionUrlAuthType", v));
        g.sourceArn().ifPresent(v -> condition.with("ArnLike").put("AWS:SourceArn", v));
        g.invokedViaFunctionUrl().filter(b -> b).ifPresent(v -> condition.with("Bool")
                .put("lambda:InvokedViaFunctionUrl", "true"));
        if (!condition.isEmpty()) {
            s.set("Condition", condition);
        }
        return s;
    }

    private static ObjectNode emptyPolicy() {
        ObjectNode policy = JSON.createObjectNode();
        policy.put("Version", "2012-10-17");
        policy.put("Id", "default");
        policy.putArray("Statement");
        return policy;
    }

    private static ObjectNode read(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored function policy is not JSON", e);
        }
    }
}
