package dev.lamina.store;

import dev.lamina.store.gateway.httpapis.HttpApiRepository;
import dev.lamina.store.gateway.restapis.RestApiRepository;
import dev.lamina.store.gateway.urls.FunctionUrlRepository;
import dev.lamina.store.iam.FunctionPolicyRepository;
import dev.lamina.store.iam.RoleRepository;
import dev.lamina.store.iam.UserRepository;
import dev.lamina.store.mappings.MappingRepository;
import dev.lamina.store.usage.UsageRepository;

/** The repositories, bound to one open transaction. Valid only inside the {@link Store.Work}. */
public interface Transaction {
    FunctionRepository functions();

    VersionRepository versions();

    AliasRepository aliases();

    ProvisionedConcurrencyRepository provisionedConcurrency();

    EventInvokeConfigRepository eventInvokeConfigs();

    UserRepository users();

    RoleRepository roles();

    FunctionPolicyRepository functionPolicies();

    UsageRepository usage();

    MappingRepository mappings();

    /** API Gateway HTTP APIs (apigatewayv2). */
    HttpApiRepository httpApis();

    /** API Gateway's REST APIs. */
    RestApiRepository restApis();

    /** Function URLs' configurations. */
    FunctionUrlRepository functionUrls();

    /** EventBridge's buses and rules, Scheduler's groups and schedules. */
    dev.lamina.store.eventbridge.EventBridgeRepository eventBridge();

    /** Step Functions' state machines, versions, aliases and activities. */
    dev.lamina.store.stepfunctions.StepFunctionsRepository stepFunctions();
}
