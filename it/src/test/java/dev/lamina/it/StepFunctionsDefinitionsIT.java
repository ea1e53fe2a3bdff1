package dev.lamina.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Definitions AWS refuses, refused over the wire with AWS's recorded InvalidDefinition messages by
 * CreateStateMachine, and listed as diagnostics by ValidateStateMachineDefinition.
 */
class StepFunctionsDefinitionsIT extends ServerPerClass {
    static SfnClient sfn;

    @BeforeAll
    static void client() {
        sfn = StepFunctionsTesting.sfn(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        sfn.close();
    }

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static void refused(String definition, String message) {
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("refused").definition(definition)
                .roleArn(StepFunctionsTesting.ROLE)))
                .isInstanceOfSatisfying(SfnException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidDefinition");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }

    @Test
    void createStateMachineRefusesWithAwssRecordedMessages() {
        refused(json("{'StartAt':'A'}"),
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
        refused(json("{'StartAt':'StateName','States':{'StateName':{'Type':'Parallel','End':true,'Branches':[]}}}"),
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'");
        refused(json("{'StartAt':'S','States':{'S':{'Type':'Nope','End':true}}}"),
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these "
                        + "values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/S/Type'");
        refused(json("{'StartAt':'WaitUntil','States':{'WaitUntil':{'Type':'Wait','Timestamp':'2016-12-05T21:29:29',"
                        + "'End':true}}}"),
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp "
                        + "at /States/WaitUntil/Timestamp'");
        refused(json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'C'},"
                        + "'C':{'Type':'Succeed'},'D':{'Type':'Pass','Next':'NOPE'}}}"),
                "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at "
                        + "/States/D/Next, MISSING_TRANSITION_TARGET: State \"D\" is not reachable. at /States/D'");
    }

    @Test
    void validateListsEveryFindingWithItsLocation() {
        ValidateStateMachineDefinitionResponse r = sfn.validateStateMachineDefinition(b -> b.definition(
                json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'NOPE'}}}")));
        assertThat(r.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(r.diagnostics())
                .extracting(ValidateStateMachineDefinitionDiagnostic::severityAsString,
                        ValidateStateMachineDefinitionDiagnostic::code, ValidateStateMachineDefinitionDiagnostic::message,
                        ValidateStateMachineDefinitionDiagnostic::location)
                .containsExactly(tuple("ERROR", "MISSING_TRANSITION_TARGET", "Missing 'Next' target: NOPE", "/States/A/Next"),
                        tuple("ERROR", "MISSING_END_STATE", "Workflow has no terminal state", null));
        ValidateStateMachineDefinitionResponse ok = sfn.validateStateMachineDefinition(b -> b.definition(
                json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}")));
        assertThat(ok.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
        assertThat(ok.diagnostics()).isEmpty();
    }
}
