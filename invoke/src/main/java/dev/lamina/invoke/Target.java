package dev.lamina.invoke;

import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionVersion;

/**
 * The version an invocation runs.
 *
 * @param invokedArn      the ARN as the caller named it (Lambda-Runtime-Invoked-Function-Arn)
 * @param executedVersion "$LATEST" or the number, for X-Amz-Executed-Version
 */
record Target(FunctionVersion version, FunctionVersion.Deployed deployed, FunctionArn invokedArn,
              String executedVersion) {
}
