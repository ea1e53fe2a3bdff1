package dev.lamina.control;

import dev.lamina.model.Architecture;
import dev.lamina.model.FunctionConfig;
import dev.lamina.model.LambdaException;
import dev.lamina.model.LoggingConfig;
import dev.lamina.model.RuntimeId;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * AWS's rules for a function's configuration as a whole, checked after a request's settings have
 * been applied and before anything is stored. (Single-field constraints of the model, such as
 * patterns and lengths, are checked at the edge while the request is parsed.)
 */
final class FunctionConfigRules {
    static final int MAX_MEMORY_MB = 10_240;
    static final int MAX_TIMEOUT_SECONDS = 900;
    static final int MAX_ENVIRONMENT_BYTES = 4 * 1024;
    static final int MAX_LAYERS = 5;

    /** Variables Lambda sets itself; a function may not define them. */
    static final Set<String> RESERVED_VARIABLES = Set.of(
            "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
            "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private final Architecture host;

    FunctionConfigRules(Architecture host) {
        this.host = host;
    }

    void check(FunctionConfig c) {
        // A custom runtime finds its own entry point, so only it may go without a Handler.
        if (c.runtime().isEmpty() || c.handler().isEmpty()
                && c.runtime().get().family() != RuntimeId.Family.PROVIDED) {
            throw LambdaException.invalidParameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        checkRuntime(c.runtime().get());
        // The model allows up to 32768 MB and any timeout; Lambda's own ceilings are reported like this.
        atMost("memorySize", c.memorySize(), MAX_MEMORY_MB);
        atMost("timeout", c.timeout(), MAX_TIMEOUT_SECONDS);
        checkEnvironment(c.environment());
        if (c.layers().size() > MAX_LAYERS) {
            throw LambdaException.invalidParameter("Cannot reference more than " + MAX_LAYERS + " layers.");
        }
        if (c.architecture() != host) {
            throw LambdaException.invalidParameter("Lamina runs on an " + host.wire()
                    + " host and cannot run " + c.architecture().wire() + " functions; use Architectures ["
                    + host.wire() + "].");
        }
        checkLogging(c.logging());
        c.deadLetterTargetArn().ifPresent(FunctionConfigRules::checkDeadLetterTarget);
    }

    private static void checkRuntime(RuntimeId runtime) {
        switch (runtime.support()) {
            case SUPPORTED -> { }
            case DEPRECATED -> throw LambdaException.invalidParameter("The runtime parameter of " + runtime
                    + " is no longer supported for creating or updating AWS Lambda functions. "
                    + "We recommend you use the new runtime (" + runtime.successor() + ") while creating or "
                    + "updating functions.");
            case NOT_IN_LAMINA -> throw LambdaException.invalidParameter("The runtime " + runtime
                    + " is not available in Lamina, which runs Node.js, Python, Java and custom (provided) runtimes.");
        }
    }

    private static void atMost(String member, int value, int max) {
        if (value > max) {
            throw LambdaException.invalidParameter("'" + member + "' failed to satisfy constraint: "
                    + "Member must have value less than or equal to " + max);
        }
    }

    private static void checkEnvironment(Map<String, String> variables) {
        for (String key : variables.keySet()) {
            if (RESERVED_VARIABLES.contains(key)) {
                throw LambdaException.invalidParameter("Lambda was unable to configure your environment variables "
                        + "because the environment variables you have provided contains reserved keys that are "
                        + "currently not supported for modification. Reserved keys used in this request: " + key);
            }
        }
        int size = environmentSize(variables);
        if (size > MAX_ENVIRONMENT_BYTES) {
            throw LambdaException.invalidParameter("Lambda was unable to configure your environment variables "
                    + "because the environment variables you have provided exceeded the 4KB limit. "
                    + "String measured: " + size + " bytes");
        }
    }

    /** AWS measures the variables as the UTF-8 bytes of their JSON object form. */
    static int environmentSize(Map<String, String> variables) {
        StringBuilder json = new StringBuilder("{");
        variables.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(k).append("\":\"").append(v).append('"');
        });
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkLogging(LoggingConfig logging) {
        if (logging.logFormat() == LoggingConfig.LogFormat.TEXT
                && (logging.applicationLogLevel().isPresent() || logging.systemLogLevel().isPresent())) {
            throw LambdaException.invalidParameter("LogLevel is not supported when LogFormat is set to \"Text\". "
                    + "Remove LogLevel from your request or change the LogFormat to \"Json\" and try again.");
        }
    }

    private static void checkDeadLetterTarget(String arn) {
        if (!arn.startsWith("arn:aws:sqs:")) {
            throw LambdaException.invalidParameter("The provided target arn " + arn
                    + " is not supported: Lamina delivers dead letters to SQS queues only.");
        }
    }
}
