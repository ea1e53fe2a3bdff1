package dev.lamina.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LogFormat;
import software.amazon.awssdk.services.lambda.model.LoggingConfig;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LoggingConfig through CreateFunction, UpdateFunctionConfiguration and GetFunctionConfiguration:
 * AWS's validation, its defaults, and a custom log group that the function's log really goes to.
 */
class LoggingConfigIT extends ServerPerClass {

    static void create(String name, Consumer<LoggingConfig.Builder> logging) {
        Functions.create(lambda, name, "nodejs20.x", "index.handler", Packages.nodejs(), b -> b.loggingConfig(logging));
    }

    static LoggingConfig logging(String name) {
        return lambda.getFunctionConfiguration(b -> b.functionName(name)).loggingConfig();
    }

    static void refused(Executable call, String code, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    static void refusedUpdate(String name, Consumer<LoggingConfig.Builder> logging, String code, String message) {
        refused(() -> lambda.updateFunctionConfiguration(b -> b.functionName(name).loggingConfig(logging)), code,
                message);
    }

    @Test
    void jsonWithoutLevelsGetsInfoAndInfoAndTextDropsThem() {
        create("levels", l -> l.logFormat(LogFormat.JSON));
        LoggingConfig created = logging("levels");
        assertThat(created.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(created.applicationLogLevelAsString()).isEqualTo("INFO");
        assertThat(created.systemLogLevelAsString()).isEqualTo("INFO");
        assertThat(created.logGroup()).isEqualTo("/aws/lambda/levels");

        lambda.updateFunctionConfiguration(b -> b.functionName("levels").loggingConfig(l -> l.applicationLogLevel("DEBUG")));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("levels"));
        assertThat(logging("levels").applicationLogLevelAsString()).isEqualTo("DEBUG");
        assertThat(logging("levels").systemLogLevelAsString()).as("kept").isEqualTo("INFO");

        lambda.updateFunctionConfiguration(b -> b.functionName("levels").loggingConfig(l -> l.logFormat(LogFormat.TEXT)));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("levels"));
        LoggingConfig text = logging("levels");
        assertThat(text.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(text.applicationLogLevelAsString()).as("levels exist only with JSON").isNull();
        assertThat(text.systemLogLevelAsString()).isNull();
    }

    @Test
    void levelsWithTextAreRefusedWithAwssMessage() {
        refused(() -> create("text-levels", l -> l.logFormat(LogFormat.TEXT).systemLogLevel("DEBUG")),
                "InvalidParameterValueException", "LogLevel is not supported when LogFormat is set to \"Text\". "
                        + "Remove LogLevel from your request or change the LogFormat to \"Json\" and try again.");
        create("stays-text", l -> l.logFormat(LogFormat.TEXT));
        refusedUpdate("stays-text", l -> l.applicationLogLevel("WARN"), "InvalidParameterValueException",
                "LogLevel is not supported when LogFormat is set to \"Text\"");
        assertThat(logging("stays-text").applicationLogLevelAsString()).as("nothing changed").isNull();
    }

    @Test
    void valuesOutsideTheModelAreValidationErrors() {
        create("checked", l -> l.logFormat(LogFormat.JSON));
        refusedUpdate("checked", l -> l.applicationLogLevel("VERBOSE"), "ValidationException",
                "Value 'VERBOSE' at 'loggingConfig.applicationLogLevel' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [TRACE, DEBUG, INFO, WARN, ERROR, FATAL]");
        refusedUpdate("checked", l -> l.systemLogLevel("ERROR"), "ValidationException",
                "Member must satisfy enum value set: [DEBUG, INFO, WARN]");
        refusedUpdate("checked", l -> l.logFormat("Yaml"), "ValidationException", "at 'loggingConfig.logFormat'");
        refusedUpdate("checked", l -> l.logGroup("has space"), "ValidationException",
                "at 'loggingConfig.logGroup' failed to satisfy constraint: Member must satisfy regular expression "
                        + "pattern: [\\.\\-_/#A-Za-z0-9]+");
        refusedUpdate("checked", l -> l.logGroup("g".repeat(513)), "ValidationException",
                "Member must have length less than or equal to 512");
        refusedUpdate("checked", l -> l.logGroup(""), "ValidationException",
                "Member must have length greater than or equal to 1");
        GetFunctionConfigurationResponse after = lambda.getFunctionConfiguration(b -> b.functionName("checked"));
        assertThat(after.loggingConfig().applicationLogLevelAsString()).as("nothing changed").isEqualTo("INFO");
        assertThat(after.loggingConfig().logGroup()).isEqualTo("/aws/lambda/checked");
    }

    @Test
    void aCustomLogGroupReceivesTheLog() {
        create("grouped", l -> l.logGroup("/teams/payments/grouped"));
        Functions.Invocation r = Functions.invoke(lambda, "grouped", "{\"action\":\"env\"}");
        assertThat(r.json().at("/context/logGroupName").asText()).isEqualTo("/teams/payments/grouped");
        assertThat(r.json().at("/env/AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/teams/payments/grouped");
        assertThat(Logs.group(server, "/teams/payments/grouped")).contains("END RequestId: " + r.requestId());
        assertThat(Logs.lines(server, "grouped")).as("nothing in the default group").isEmpty();
        assertThat(logging("grouped").logGroup()).isEqualTo("/teams/payments/grouped");
    }

    @Test
    void theRuntimeIsToldItsFormatAndLevel() {
        create("told", l -> l.logFormat(LogFormat.JSON).applicationLogLevel("ERROR"));
        Functions.Invocation r = Functions.invoke(lambda, "told", "{\"action\":\"env\"}");
        assertThat(r.json().at("/env/AWS_LAMBDA_LOG_FORMAT").asText()).isEqualTo("JSON");
        assertThat(r.json().at("/env/AWS_LAMBDA_LOG_LEVEL").asText()).isEqualTo("ERROR");
        create("told-text", l -> l.logFormat(LogFormat.TEXT));
        Functions.Invocation text = Functions.invoke(lambda, "told-text", "{\"action\":\"env\"}");
        assertThat(text.json().at("/env/AWS_LAMBDA_LOG_FORMAT").asText()).isEqualTo("Text");
        assertThat(text.json().path("env").has("AWS_LAMBDA_LOG_LEVEL")).isFalse();
    }
}
