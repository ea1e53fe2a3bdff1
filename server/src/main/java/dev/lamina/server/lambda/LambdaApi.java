package dev.lamina.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lamina.control.ControlPlane;
import dev.lamina.control.FunctionDetails;
import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionName;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.FunctionVersion;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.ApiResponse;
import dev.lamina.server.http.Json;
import dev.lamina.store.code.CodeStore;

import java.util.Optional;

/**
 * What every Lambda operation at the edge needs: the control plane, the code store, this server's
 * region and account, and the shared parsing of path and query parameters.
 */
record LambdaApi(ControlPlane control, CodeStore code, Region region, AccountId account, CodeLocations locations) {

    static final String QUALIFIER_PATTERN = "(|[a-zA-Z0-9$_-]+)";

    /** The FunctionName path parameter. */
    FunctionRef functionRef(ApiRequest request) {
        return FunctionRef.parse(request.pathParam("FunctionName"), region, account);
    }

    /** The FunctionName path parameter of an operation on the function as a whole. */
    FunctionName unqualifiedFunction(ApiRequest request) {
        return functionRef(request).requireUnqualified().name();
    }

    /** The Qualifier query parameter. */
    Optional<Qualifier> qualifier(ApiRequest request) {
        Optional<String> raw = request.queryParam("Qualifier");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Violations v = new Violations();
        v.length("qualifier", raw.get(), 1, 128);
        v.pattern("qualifier", raw.get(), "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
        v.throwIfAny();
        try {
            return Optional.of(Qualifier.parse(raw.get()));
        } catch (IllegalArgumentException e) {
            throw LambdaException.invalidParameter("Invalid qualifier: " + raw.get());
        }
    }

    /** MaxItems of the list operations: 1 to 10000 in the model; AWS returns at most 50 per page. */
    Optional<Integer> maxItems(ApiRequest request) {
        Optional<String> raw = request.queryParam("MaxItems");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new LambdaException(ErrorCode.SERIALIZATION, "MaxItems must be an integer: " + raw.get());
        }
        Violations v = new Violations();
        v.min("maxItems", value, 1);
        v.max("maxItems", value, 10000);
        v.throwIfAny();
        return Optional.of(value);
    }

    FunctionArn arn(FunctionName name) {
        return FunctionArn.of(region, account, name);
    }

    /**
     * The FunctionArn a configuration reports: unqualified for $LATEST, otherwise qualified by what
     * the caller asked for (an alias stays an alias) or by the version number.
     */
    FunctionArn reportedArn(FunctionVersion v, Optional<Qualifier> askedFor) {
        FunctionArn base = arn(v.functionName());
        if (askedFor.isPresent()) {
            return base.withQualifier(askedFor.get());
        }
        return v.isLatest() ? base : base.withQualifier(v.version());
    }

    JsonNode configuration(FunctionVersion v) {
        return Shapes.functionConfiguration(v, reportedArn(v, Optional.empty()));
    }

    JsonNode configuration(FunctionDetails d) {
        return Shapes.functionConfiguration(d.version(), reportedArn(d.version(), d.askedFor()));
    }

    static ApiResponse ok(JsonNode body) {
        return ApiResponse.json(200, Json.bytes(body));
    }

    static ApiResponse created(JsonNode body) {
        return ApiResponse.json(201, Json.bytes(body));
    }
}
