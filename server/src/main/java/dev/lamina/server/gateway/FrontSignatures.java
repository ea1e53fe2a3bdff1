package dev.lamina.server.gateway;

import dev.lamina.gateway.web.IamCaller;
import dev.lamina.gateway.web.SignatureCheck;
import dev.lamina.gateway.web.WebRequest;
import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.model.RequestId;
import dev.lamina.server.auth.AccessKeys;
import dev.lamina.server.auth.Caller;
import dev.lamina.server.auth.PolicyAuthorizer;
import dev.lamina.server.auth.SigV4Verifier;
import dev.lamina.server.http.ApiRequest;
import dev.lamina.server.http.FrontDoorPaths;
import dev.lamina.server.http.RequestBody;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The front doors' SigV4 check, with the same verifier, keys and policy evaluation as every API call.
 * A signature covers the path the client sent, which for a path-style address
 * ({@code /_aws/lambda-url/<id>/…}) includes the prefix that the edge took off: the candidates are
 * rebuilt from the request ({@link FrontDoorPaths#signedPaths}).
 */
public final class FrontSignatures implements SignatureCheck {
    /** The condition key a function URL's resource policy statements test. */
    static final String URL_AUTH_TYPE = "lambda:FunctionUrlAuthType";

    private final AccessKeys keys;
    private final PolicyAuthorizer authorizer;
    private final Region region;
    private final AccountId account;
    private final Clock clock;
    private final Map<String, SigV4Verifier> verifiers = new ConcurrentHashMap<>();

    public FrontSignatures(AccessKeys keys, PolicyAuthorizer authorizer, Region region, AccountId account, Clock clock) {
        this.keys = keys;
        this.authorizer = authorizer;
        this.region = region;
        this.account = account;
        this.clock = clock;
    }

    @Override
    public Optional<IamCaller> verify(WebRequest request, String signingName) throws Rejected {
        List<String> paths = FrontDoorPaths.signedPaths(request, signingName);
        if (!SigV4Verifier.isSigned(apiRequest(request, paths.getFirst()))) {
            return Optional.empty();
        }
        SigV4Verifier verifier = verifiers.computeIfAbsent(signingName,
                name -> new SigV4Verifier(keys, region.name(), name, clock));
        LambdaException first = null;
        for (String path : paths) {
            try {
                return Optional.of(iamCaller(verifier.authenticate(apiRequest(request, path))));
            } catch (LambdaException e) {
                if (first == null) {
                    first = e;
                }
                if (e.code() != ErrorCode.INVALID_SIGNATURE) {
                    break; // nothing about the path: another candidate cannot help
                }
            }
        }
        throw new Rejected(first.getMessage());
    }

    @Override
    public boolean allows(IamCaller caller, String action, String functionArn) {
        FunctionRef function;
        try {
            function = FunctionRef.parse(functionArn, region, account);
        } catch (LambdaException e) {
            return false; // another region's or account's function, or no function at all
        }
        Map<String, String> context = action.equals("lambda:InvokeFunctionUrl")
                ? Map.of(URL_AUTH_TYPE, "AWS_IAM") : Map.of();
        return authorizer.allows(caller(caller), action, functionArn, function.name(), function.qualifier(), context);
    }

    private static ApiRequest apiRequest(WebRequest request, String path) {
        return new ApiRequest(new RequestId(request.requestId()), request.method(), path, Map.of(), Map.of(),
                request.rawQuery(), request::header, RequestBody.of(request.body()), request.header("Host").orElse(""));
    }

    private static IamCaller iamCaller(Caller caller) {
        String[] arn = caller.principalArn().split(":", 6);
        String accountId = arn.length == 6 ? arn[4] : "";
        return new IamCaller(caller.accessKeyId(), accountId, caller.principalId(), caller.principalArn());
    }

    /** The verified caller back as the edge's {@link Caller}: only {@link #verify} makes IamCallers. */
    static Caller caller(IamCaller caller) {
        String arn = caller.userArn();
        Caller.Kind kind = arn.endsWith(":root") ? Caller.Kind.ROOT
                : arn.contains(":assumed-role/") ? Caller.Kind.ROLE_SESSION : Caller.Kind.USER;
        return new Caller(caller.accessKey(), arn, kind, caller.callerId());
    }
}
