package dev.lamina.server.lambda;

import dev.lamina.control.ControlPlane;
import dev.lamina.events.AsyncInvocations;
import dev.lamina.events.esm.EventSourceMappings;
import dev.lamina.invoke.Execution;
import dev.lamina.invoke.Invoker;
import dev.lamina.invoke.Provisioner;
import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import dev.lamina.server.http.Operation;
import dev.lamina.server.http.Route;
import dev.lamina.store.code.CodeStore;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The routing table of the Lambda API: every operation of the model, each bound to its handler or
 * to a clear NotImplementedException naming it.
 */
public final class LambdaRoutes {
    /** The public route that serves GetFunction's presigned package downloads. */
    public static final String CODE_DOWNLOAD = "LaminaCodeDownload";
    /** Request bodies of operations without a package are small documents. */
    static final long MAX_DOCUMENT_BODY = 1024 * 1024;

    private LambdaRoutes() {
    }

    public static List<Route> routes(ControlPlane control, Execution execution, AsyncInvocations async,
                                     EventSourceMappings mappings, CodeStore code, Region region, AccountId account,
                                     InstantSource clock) {
        Invoker invoker = execution.invoker();
        Provisioner provisioner = execution.provisioner();
        CodeLocations locations = new CodeLocations(code, clock);
        LambdaApi api = new LambdaApi(control, code, region, account, locations);
        Map<String, Operation> implemented = Map.ofEntries(
                Map.entry("CreateFunction", new CreateFunction(api)),
                Map.entry("GetFunction", new GetFunction(api)),
                Map.entry("GetFunctionConfiguration", new GetFunctionConfiguration(api)),
                Map.entry("ListFunctions", new ListFunctions(api)),
                Map.entry("UpdateFunctionCode", new UpdateFunctionCode(api)),
                Map.entry("UpdateFunctionConfiguration", new UpdateFunctionConfiguration(api)),
                Map.entry("DeleteFunction", new DeleteFunction(api)),
                Map.entry("PublishVersion", new PublishVersion(api)),
                Map.entry("ListVersionsByFunction", new ListVersionsByFunction(api)),
                Map.entry("CreateAlias", new CreateAlias(api)),
                Map.entry("GetAlias", new GetAlias(api)),
                Map.entry("UpdateAlias", new UpdateAlias(api)),
                Map.entry("DeleteAlias", new DeleteAlias(api)),
                Map.entry("ListAliases", new ListAliases(api)),
                Map.entry("TagResource", new TagResource(api)),
                Map.entry("UntagResource", new UntagResource(api)),
                Map.entry("ListTags", new ListTags(api)),
                Map.entry("GetAccountSettings", new GetAccountSettings(api)),
                Map.entry("PutFunctionConcurrency", new PutFunctionConcurrency(api)),
                Map.entry("GetFunctionConcurrency", new GetFunctionConcurrency(api)),
                Map.entry("DeleteFunctionConcurrency", new DeleteFunctionConcurrency(api)),
                Map.entry("PutProvisionedConcurrencyConfig", new PutProvisionedConcurrencyConfig(api, provisioner)),
                Map.entry("GetProvisionedConcurrencyConfig", new GetProvisionedConcurrencyConfig(api, provisioner)),
                Map.entry("DeleteProvisionedConcurrencyConfig", new DeleteProvisionedConcurrencyConfig(api, provisioner)),
                Map.entry("ListProvisionedConcurrencyConfigs", new ListProvisionedConcurrencyConfigs(api, provisioner)),
                Map.entry("PutFunctionEventInvokeConfig", new PutFunctionEventInvokeConfig(api)),
                Map.entry("UpdateFunctionEventInvokeConfig", new UpdateFunctionEventInvokeConfig(api)),
                Map.entry("GetFunctionEventInvokeConfig", new GetFunctionEventInvokeConfig(api)),
                Map.entry("DeleteFunctionEventInvokeConfig", new DeleteFunctionEventInvokeConfig(api)),
                Map.entry("ListFunctionEventInvokeConfigs", new ListFunctionEventInvokeConfigs(api)),
                Map.entry("GetFunctionRecursionConfig", new GetFunctionRecursionConfig(api)),
                Map.entry("PutFunctionRecursionConfig", new PutFunctionRecursionConfig(api)),
                Map.entry("AddPermission", new AddPermission(api)),
                Map.entry("RemovePermission", new RemovePermission(api)),
                Map.entry("GetPolicy", new GetPolicy(api)),
                Map.entry("CreateFunctionUrlConfig", new CreateFunctionUrlConfig(api)),
                Map.entry("GetFunctionUrlConfig", new GetFunctionUrlConfig(api)),
                Map.entry("UpdateFunctionUrlConfig", new UpdateFunctionUrlConfig(api)),
                Map.entry("DeleteFunctionUrlConfig", new DeleteFunctionUrlConfig(api)),
                Map.entry("ListFunctionUrlConfigs", new ListFunctionUrlConfigs(api)),
                Map.entry("CreateEventSourceMapping", new CreateEventSourceMapping(mappings)),
                Map.entry("GetEventSourceMapping", new GetEventSourceMapping(mappings)),
                Map.entry("ListEventSourceMappings", new ListEventSourceMappings(api, mappings)),
                Map.entry("UpdateEventSourceMapping", new UpdateEventSourceMapping(mappings)),
                Map.entry("DeleteEventSourceMapping", new DeleteEventSourceMapping(mappings)),
                Map.entry("InvokeAsync", new InvokeAsync(api, invoker, async)),
                Map.entry("Invoke", new Invoke(api, invoker, async)),
                Map.entry("InvokeWithResponseStream", new InvokeWithResponseStream(api, invoker)));
        List<Route> routes = new ArrayList<>();
        for (ModelOperation op : ModelOperation.ALL) {
            Operation handler = implemented.getOrDefault(op.name(), notImplemented(op.name()));
            if (op.name().equals("Invoke") || op.name().equals("InvokeWithResponseStream")) {
                routes.add(new Route(op.method(), op.requestUri(), op.name(), Invoke.MAX_PAYLOAD, handler,
                        Invoke.tooLarge()));
            } else {
                routes.add(new Route(op.method(), op.requestUri(), op.name(), maxBody(op.name()), handler));
            }
        }
        routes.add(new Route("GET", CodeLocations.PATH + "{Digest}", CODE_DOWNLOAD, 0, locations::download));
        return routes;
    }

    private static long maxBody(String operation) {
        return switch (operation) {
            case "CreateFunction", "UpdateFunctionCode", "PublishLayerVersion" -> CreateFunction.MAX_BODY;
            default -> MAX_DOCUMENT_BODY;
        };
    }

    private static Operation notImplemented(String name) {
        return request -> {
            throw new LambdaException(ErrorCode.NOT_IMPLEMENTED,
                    "Lamina does not implement " + name + " yet; see docs/COMPATIBILITY.md.");
        };
    }
}
