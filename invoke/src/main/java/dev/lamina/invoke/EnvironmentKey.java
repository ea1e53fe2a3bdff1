package dev.lamina.invoke;

import dev.lamina.model.CodeRef;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.FunctionName;

/**
 * What an environment may serve: one version of one function, with exactly this deployed code and
 * configuration. An update of $LATEST changes the key, so old environments are never reused for it.
 */
record EnvironmentKey(FunctionName function, String version, CodeRef code, FunctionConfig config) {
}
