package dev.lamina.invoke;

import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionVersion;

/**
 * The version an invocation runs, and the concurrency rules it runs under.
 *
 * @param invokedArn      the ARN as the caller named it (Lambda-Runtime-Invoked-Function-Arn)
 * @param executedVersion "$LATEST" or the number, for X-Amz-Executed-Version
 * @param limits          the function's reservation and the account's unreserved pool, as stored now
 * @param provisionedConfigured whether the qualifier the caller named (an alias or a version) has a
 *                        provisioned concurrency configuration: an on-demand run of it is a spill-over
 */
record Target(FunctionVersion version, FunctionVersion.Deployed deployed, FunctionArn invokedArn,
              String executedVersion, Concurrency.Limits limits, boolean provisionedConfigured) {

    EnvironmentKey key() {
        return new EnvironmentKey(version.functionName(), executedVersion, deployed.code(), deployed.config());
    }
}
