package dev.lamina.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.eventbridge.api.EventsApi;
import dev.lamina.model.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge's inputs checked against its model, with AWS's member paths and wording. */
class ModelValidationTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ServiceModel EVENTS = ServiceModel.load(EventsApi.class.getClassLoader(), EventsApi.MODEL, Optional.empty());
    static final InputValidation HOW = new InputValidation(EVENTS, "ValidationException", InputValidation.Paths.MEMBER);

    static void refused(String operation, String input, String code, String message) {
        assertThatThrownBy(() -> RestJsonValidator.validate(HOW, operation, JSON.readTree(input)))
                .isInstanceOf(ServiceException.class).hasMessage(message)
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo(code))
                .satisfies(e -> assertThat(((ServiceException) e).status()).isEqualTo(400));
    }

    @Test
    void aNameOutsideItsPatternIsNamedInLowerCamelWithoutARoot() {
        refused("PutRule", "{\"Name\": \"a b\"}", "ValidationException", "1 validation error detected: Value 'a b' at"
                + " 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
    }

    @Test
    void listElementsAreNumberedBeforeMember() {
        refused("PutTargets", "{\"Rule\": \"r\", \"Targets\": [{\"Id\": \"!@#$@!#$\", \"Arn\": \"arn:x\"}]}",
                "ValidationException", "1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+");
        refused("PutTargets", "{\"Rule\": \"r\", \"Targets\": [{\"Id\": \"ok\", \"Arn\": \"arn:x\"}, {\"Id\": \""
                        + "x".repeat(65) + "\", \"Arn\": \"arn:x\"}]}", "ValidationException",
                "1 validation error detected: Value '" + "x".repeat(65) + "' at 'targets.2.member.id' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 64");
    }

    @Test
    void severalViolationsAreReportedTogetherPatternBeforeLength() {
        String name = "This should fail with two errors 123467890123412341234123412341234";
        refused("PutRule", "{\"Name\": \"" + name + "\", \"State\": \"ON\"}", "ValidationException",
                "3 validation errors detected: Value '" + name + "' at 'name' failed to satisfy constraint: Member must"
                        + " satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+; Value '" + name + "' at 'name' failed"
                        + " to satisfy constraint: Member must have length less than or equal to 64; Value 'ON' at 'state'"
                        + " failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
    }

    @Test
    void requiredMembersAndListSizes() throws Exception {
        refused("PutTargets", "{\"Targets\": []}", "ValidationException", "2 validation errors detected: Value null at"
                + " 'rule' failed to satisfy constraint: Member must not be null; Value '[]' at 'targets' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 1");
        StringBuilder entries = new StringBuilder("[");
        for (int i = 0; i < 11; i++) {
            entries.append(i == 0 ? "" : ",").append("{\"Source\": \"s\"}");
        }
        JsonNode put = JSON.readTree("{\"Entries\": " + entries + "]}");
        assertThatThrownBy(() -> RestJsonValidator.validate(HOW, "PutEvents", put))
                .hasMessageStartingWith("1 validation error detected: Value '[{\"Source\":\"s\"}")
                .hasMessageEndingWith("at 'entries' failed to satisfy constraint: Member must have length less than or"
                        + " equal to 10");
        assertThatCode(() -> RestJsonValidator.validate(HOW, "PutEvents",
                JSON.readTree("{\"Entries\": [{\"Source\": \"s\", \"Time\": 1700000000}]}"))).doesNotThrowAnyException();
    }

    @Test
    void membersOfTheWrongJsonTypeAreSerializationExceptions() {
        refused("PutRule", "{\"Name\": {\"a\": 1}}", "SerializationException", "Unexpected JSON type at 'name'");
        refused("PutTargets", "{\"Rule\": \"r\", \"Targets\": {\"Id\": 1}}", "SerializationException",
                "Unexpected JSON type at 'targets'");
        refused("PutTargets", "{\"Rule\": \"r\", \"Targets\": [\"x\"]}", "SerializationException",
                "Unexpected JSON type at 'targets.1.member'");
        refused("ListRules", "{\"Limit\": \"ten\"}", "SerializationException", "Unexpected JSON type at 'limit'");
    }

    @Test
    void apiGatewayWordingIsUnchanged() throws Exception {
        ServiceModel v2 = ServiceModel.load(dev.lamina.gateway.api.GatewayOperations.class.getClassLoader(),
                "dev/lamina/gateway/api/apigatewayv2.json", Optional.empty());
        assertThatThrownBy(() -> RestJsonValidator.validate(v2, "CreateApi", JSON.readTree("{}")))
                .isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("2 validation errors detected: Value null at 'createApiInput.")
                .satisfies(e -> assertThat(((ServiceException) e).code()).isEqualTo("BadRequestException"));
    }
}
