package dev.lamina.workflows.asl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What CreateStateMachine refuses, with AWS's InvalidDefinition messages and diagnostics. */
class DefinitionsTest {

    /** A definition from single-quoted JSON (readability). */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static String message(String definition) {
        try {
            Definitions.parse(definition);
        } catch (InvalidDefinitionException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + definition);
    }

    static String pass(String name) {
        return "{'StartAt':'" + name + "','States':{'" + name + "':{'Type':'Pass','End':true}}}";
    }

    @Test
    void aMinimalMachineIsAcceptedAndStructured() throws Exception {
        Definition d = Definitions.parse(json(pass("A")));
        assertThat(d.startAt()).isEqualTo("A");
        assertThat(d.state("A").type()).isEqualTo(StateType.PASS);
        assertThat(d.queryLanguage()).isEqualTo(QueryLanguage.JSONPATH);
    }

    @Test
    void badJsonIsInvalidJsonDescription() {
        assertThatThrownBy(() -> Definitions.parse("{\"StartAt\": "))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> {
                    assertThat(e.getMessage()).startsWith("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ");
                    assertThat(e.diagnostics()).singleElement()
                            .satisfies(d -> assertThat(d.code()).isEqualTo("INVALID_JSON_DESCRIPTION"));
                });
        // AWS's text; the column is where this Jackson locates the token (AWS's points after it).
        assertThat(message("not a definition")).startsWith("Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: "
                + "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or "
                + "'false')\n at [Source: (String)\"not a definition\"; line: 1, column: ");
        assertThat(message("[]")).isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Definition must be "
                + "a valid JSON object at null'");
        assertThat(message("")).contains("MISSING_DESCRIPTION");
        assertThat(message(json(pass("A")) + " x")).contains("INVALID_JSON_DESCRIPTION");
    }

    @Test
    void aDuplicateStateNameInOneObjectIsASyntaxError() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true},'A':{'Type':'Pass','End':true}}}")))
                .contains("INVALID_JSON_DESCRIPTION").contains("Duplicate field 'A'");
    }

    @Test
    void startAtIsRequiredAndMustNameAState() {
        assertThat(message(json("{'States':{'A':{'Type':'Pass','End':true}}}"))).isEqualTo(
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [StartAt] at /'");
        assertThat(message(json("{'Comment':'x'}"))).isEqualTo(
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /'");
        assertThat(message(json("{'StartAt':'B','States':{'A':{'Type':'Pass','End':true}}}")))
                .startsWith("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /StartAt");
    }

    @Test
    void statesIsRequiredAndNonEmpty() {
        assertThat(message(json("{'StartAt':'A'}"))).isEqualTo(
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
        assertThat(message(json("{'StartAt':'A','States':{}}"))).contains("Value cannot be empty at /States");
    }

    @Test
    void anUnknownTypeListsTheTypes() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Nope','End':true}}}"))).isEqualTo(
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these "
                        + "values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/A/Type'");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'End':true}}}")))
                .contains("These fields are required: [Type] at /States/A");
    }

    @Test
    void fieldsATypeDoesNotHaveAreNotSupported() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'TimeoutSeconds':3}}}")))
                .isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'TimeoutSeconds' is not supported at /States/A'");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Retry':[]}}}")))
                .contains("Field 'Retry' is not supported at /States/A");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true}},'Extra':1}")))
                .contains("Field 'Extra' is not supported at /");
    }

    @Test
    void nextAndEndExcludeEachOtherAndOneIsRequired() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Next':'A'}}}")))
                .contains("There should only be one of the following fields: [End, Next] at /States/A");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass'}}}")))
                .contains("These fields are required: [Next] at /States/A");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Succeed','End':true}}}")))
                .contains("Field 'End' is not supported at /States/A");
    }

    @Test
    void aMissingTargetAndNoTerminalStateAreBothReportedInAwsOrder() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'NOPE'}}}"))).isEqualTo(
                "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE at /States/A/Next, "
                        + "MISSING_END_STATE: Workflow has no terminal state at null'");
    }

    @Test
    void unreachableStatesAreReportedOnlyWhenThereIsATerminalState() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'},"
                + "'C':{'Type':'Succeed'}}}")))
                .isEqualTo("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: State \"C\" is not reachable. at /States/C'");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B'},'B':{'Type':'Pass','Next':'A'},"
                + "'C':{'Type':'Pass','Next':'A'}}}")))
                .isEqualTo("Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'");
    }

    @Test
    void targetsOfChoicesDefaultAndCatchMustExistInTheSameScope() {
        String m = message(json("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a',"
                + "'IsPresent':true,'Next':'X'}],'Default':'Y'},'T':{'Type':'Task','Resource':"
                + "'arn:aws:states:::lambda:invoke','End':true,'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Z'}]}}}"));
        assertThat(m).contains("Missing 'Next' target: X at /States/C/Choices[0]/Next")
                .contains("Missing 'Next' target: Y at /States/C/Default")
                .contains("Missing 'Next' target: Z at /States/T/Catch[0]/Next");
        assertThat(message(json("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'B',"
                + "'States':{'B':{'Type':'Pass','Next':'Q'}}}]},'Q':{'Type':'Succeed'}}}")))
                .contains("Missing 'Next' target: Q at /States/P/Branches[0]/States/B/Next");
    }

    @Test
    void choiceNeedsChoicesWithNextAndOneOperator() {
        assertThat(message(json("{'StartAt':'C','States':{'C':{'Type':'Choice','Default':'D'},'D':{'Type':'Succeed'}}}")))
                .contains("These fields are required: [Choices] at /States/C");
        assertThat(message(json("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$','StringMatches':"
                + "'x'}],'Default':'D'},'D':{'Type':'Succeed'}}}")))
                .contains("These fields are required: [Next] at /States/C/Choices[0]");
        assertThat(message(json("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$','Nope':1,"
                + "'Next':'D'}]},'D':{'Type':'Succeed'}}}")))
                .contains("Field 'Nope' is not supported at /States/C/Choices[0]");
        assertThat(message(json("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'x','IsNull':true,"
                + "'Next':'D'}]},'D':{'Type':'Succeed'}}}")))
                .contains("The value for the field 'Variable' must be a valid JSONPath at /States/C/Choices[0]/Variable");
    }

    @Test
    void taskNeedsAKnownResourceAndSaneTimeouts() {
        assertThat(message(json("{'StartAt':'T','States':{'T':{'Type':'Task','End':true}}}")))
                .contains("These fields are required: [Resource] at /States/T");
        assertThat(message(json("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'nope','End':true}}}")))
                .contains("The resource provided nope is not recognized.");
        assertThat(message(json("{'StartAt':'Query','States':{'Query':{'Type':'Task','Resource':"
                + "'arn:aws:states:::dynamodb:query','End':true}}}"))).isEqualTo("Invalid State Machine Definition: "
                + "'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not recognized. The "
                + "value is not a valid resource ARN, or the resource is not available in this region. at /States/Query/Resource'");
        assertThat(message(json("{'StartAt':'State0','States':{'State0':{'Type':'Task','Resource':"
                + "'arn:aws:states:::lambda:invoke','Credentials':{},'End':true}}}"))).isEqualTo("Invalid State Machine "
                + "Definition: 'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/State0/Credentials'");
        assertThat(message(json("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'TimeoutSeconds':0,'End':true}}}"))).contains("Minimum value is 1 at /States/T/TimeoutSeconds");
        assertThat(message(json("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',"
                + "'TimeoutSeconds':5,'TimeoutSecondsPath':'$.t','End':true}}}")))
                .contains("There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]");
    }

    @Test
    void waitNeedsExactlyOneOfItsFourFields() {
        assertThat(message(json("{'StartAt':'W','States':{'W':{'Type':'Wait','End':true}}}")))
                .contains("Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath, TimestampPath] at /States/W");
        assertThat(message(json("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}}}")))
                .contains("There should only be one of the following fields: [Seconds, SecondsPath] at /States/W");
        assertThat(message(json("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':-1,'End':true}}}")))
                .contains("Minimum value is 0 at /States/W/Seconds");
    }

    @Test
    void failTakesErrorOrErrorPathNotBoth() {
        assertThat(message(json("{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'E','ErrorPath':'$.e'}}}")))
                .contains("There should only be one of the following fields: [Error, ErrorPath] at /States/F");
        assertThat(message(json("{'StartAt':'F','States':{'F':{'Type':'Fail','CausePath':'$.a[*]'}}}")))
                .contains("The value for the field 'CausePath' must be a valid ReferencePath or a valid intrinsic function call");
    }

    @Test
    void mapNeedsAProcessorAndParallelBranches() {
        assertThat(message(json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true}}}")))
                .contains("These fields are required: [ItemProcessor] at /States/M");
        assertThat(message(json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'ProcessorConfig':"
                + "{'Mode':'WEIRD'},'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}}}}")))
                .contains("The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED] at /States/M/ItemProcessor/ProcessorConfig/Mode");
        assertThat(message(json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'ItemProcessor':{'QueryLanguage':"
                + "'JSONata','StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}}}}")))
                .contains("Field 'QueryLanguage' is not supported at /States/M/ItemProcessor");
        assertThat(message(json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,'MaxConcurrency':-1,"
                + "'Iterator':{'StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}}}}")))
                .contains("Minimum value is 0 at /States/M/MaxConcurrency");
        assertThat(message(json("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true}}}")))
                .contains("These fields are required: [Branches] at /States/P");
        assertThat(message(json("{'StartAt':'StateName','States':{'StateName':{'Type':'Parallel','End':true,'Branches':[]}}}")))
                .isEqualTo("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/StateName/Branches'");
    }

    @Test
    void retriersAndCatchersAreChecked() {
        String task = "{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,%s}}}";
        assertThat(message(json(task.formatted("'Retry':[{'MaxAttempts':1}]"))))
                .contains("These fields are required: [ErrorEquals] at /States/T/Retry[0]");
        assertThat(message(json(task.formatted("'Retry':[{'ErrorEquals':[]}]"))))
                .contains("Value cannot be empty at /States/T/Retry[0]/ErrorEquals");
        assertThat(message(json(task.formatted("'Retry':[{'ErrorEquals':['States.ALL','X']}]"))))
                .contains("States.ALL must appear alone in ErrorEquals at /States/T/Retry[0]/ErrorEquals");
        assertThat(message(json(task.formatted("'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]"))))
                .contains("States.ALL must appear in the last element of the array at /States/T/Retry[0]/ErrorEquals");
        assertThat(message(json(task.formatted("'Retry':[{'ErrorEquals':['X'],'MaxAttempts':-1,'IntervalSeconds':0,"
                + "'BackoffRate':0.5,'JitterStrategy':'SOME'}]"))))
                .contains("Minimum value is 0 at /States/T/Retry[0]/MaxAttempts")
                .contains("Minimum value is 1 at /States/T/Retry[0]/IntervalSeconds")
                .contains("Minimum value is 1.0 at /States/T/Retry[0]/BackoffRate")
                .contains("The field 'JitterStrategy' should have one of these values: [FULL, NONE]");
        assertThat(message(json(task.formatted("'Catch':[{'ErrorEquals':['X']}]"))))
                .contains("These fields are required: [Next] at /States/T/Catch[0]");
    }

    @Test
    void pathsMustParseAndReferencePathsNameOneNode() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'InputPath':'a.b'}}}")))
                .contains("The value for the field 'InputPath' must be a valid JSONPath at /States/A/InputPath");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'ResultPath':'$.a[*]'}}}")))
                .contains("The value for the field 'ResultPath' must be a valid ReferencePath at /States/A/ResultPath");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Parameters':{'x.$':'nope'}}}}")))
                .contains("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call at /States/A/Parameters");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Parameters':{'a':[{'x.$':'nope'}]}}}}")))
                .contains("must be a valid JSONPath or a valid intrinsic function call at /States/A/Parameters'");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Parameters':{'x.$':'States.Nope(1)'}}}}")))
                .contains("The value for the field 'x.$' must be a valid JSONPath");
    }

    @Test
    void contextObjectVariablesAndIntrinsicsAreValidPaths() throws Exception {
        Definitions.parse(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'InputPath':'$$.Execution.Input',"
                + "'ResultPath':null,'OutputPath':'$.x[0]','Parameters':{'a.$':'$$.Execution.Id','b.$':'$v.field',"
                + "'c.$':'FORMAT','d':{'e.$':'States.UUID()'}},'Assign':{'v.$':'$.a'}}}}")
                .replace("FORMAT", "States.Format('{} (x)', $.a)"));
    }

    @Test
    void theQueryLanguageDecidesWhichFieldsAreAllowed() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Output':{}}}}"))).isEqualTo(
                "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but "
                        + "field 'Output' is only supported for the 'JSONata' QueryLanguage at /States/A'");
        assertThat(message(json("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true,"
                + "'InputPath':'$'}}}")))
                .contains("The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage at /States/A");
        assertThat(message(json("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true,"
                + "'QueryLanguage':'JSONPath'}}}")))
                .contains("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at /States/A");
        assertThat(message(json("{'QueryLanguage':'Python','StartAt':'A','States':{'A':{'Type':'Pass','End':true}}}")))
                .contains("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata] at /QueryLanguage");
    }

    @Test
    void aJsonataStateInAJsonPathMachineIsAllowed() throws Exception {
        Definition d = Definitions.parse(json("{'StartAt':'A','States':{'A':{'Type':'Pass','QueryLanguage':'JSONata',"
                + "'Output':'{% $states.input %}','End':true}}}"));
        assertThat(d.state("A").language()).isEqualTo(QueryLanguage.JSONATA);
    }

    @Test
    void jsonataExpressionsMustParse() {
        assertThat(message(json("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true,"
                + "'Output':{'x':'{% 1 + %}'}}}}")))
                .startsWith("Invalid State Machine Definition: 'INVALID_JSONATA_EXPRESSION: ")
                .endsWith(" at /States/A/Output/x'");
    }

    @Test
    void stateNamesAreAtMost80Characters() throws Exception {
        Definitions.parse(json(pass("x".repeat(80))));
        assertThat(message(json(pass("x".repeat(81))))).contains("INVALID_STATE_NAME");
    }

    @Test
    void stateNamesAreUniqueInTheWholeMachine() {
        assertThat(message(json("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'StartAt':'P',"
                + "'States':{'P':{'Type':'Pass','End':true}}}]}}}")))
                .contains("DUPLICATE_STATE_NAME: Duplicate State name: P at /States/P/Branches[0]/States/P");
    }

    @Test
    void variableNamesFollowTheRules() {
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Assign':{'1bad':1}}}}")))
                .contains("The variable name '1bad' is not valid at /States/A/Assign/1bad");
        assertThat(message(json("{'StartAt':'A','States':{'A':{'Type':'Pass','End':true,'Assign':{'" + "v".repeat(81)
                + "':1}}}}"))).contains("is not valid");
    }

    @Test
    void everyFindingIsADiagnosticWithCodeAndLocation() {
        assertThatThrownBy(() -> Definitions.parse(json("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'NOPE'}}}")))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.diagnostics())
                        .extracting(Diagnostic::code, Diagnostic::location)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("MISSING_TRANSITION_TARGET", "/States/A/Next"),
                                org.assertj.core.groups.Tuple.tuple("MISSING_END_STATE", "")));
    }

    @Test
    void aJsonPathTimestampMustBeAnRfc3339DateTime() throws Exception {
        for (String bad : new String[]{"2016-12-05 21:29:29Z", "2016-12-05T21:29:29", "2016-13-05T21:29:29Z",
                "2016-12-05T25:29:29Z", "05-12-2016T21:29:29Z", "{% '2016-03-14T01:59:00Z' %}"}) {
            assertThat(message(json("{'StartAt':'WaitUntil','States':{'WaitUntil':{'Type':'Wait','Timestamp':'TS',"
                    + "'End':true}}}").replace("TS", bad))).isEqualTo("Invalid State Machine Definition: "
                    + "'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp'");
        }
        Definitions.parse(json("{'StartAt':'W','States':{'W':{'Type':'Wait','Timestamp':'2016-03-14T01:59:00.5+01:00','End':true}}}"));
        Definitions.parse(json("{'QueryLanguage':'JSONata','StartAt':'W','States':{'W':{'Type':'Wait',"
                + "'Timestamp':'2016-13-05T21:29:29Z','End':true}}}"));
    }

    @Test
    void statesInsideBranchesAndProcessorsTakeTheMachinesLanguage() throws Exception {
        Definition d = Definitions.parse(json("{'StartAt':'Map','QueryLanguage':'JSONPath','States':{'Map':{'Type':'Map',"
                + "'QueryLanguage':'JSONata','ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'Pass',"
                + "'States':{'Pass':{'QueryLanguage':'JSONPath','Type':'Pass','Next':'Q'},'Q':{'Type':'Pass','End':true,"
                + "'InputPath':'$'}}},'End':true}}}"));
        assertThat(d.state("Map").language()).isEqualTo(QueryLanguage.JSONATA);
        Definition processor = d.state("Map").branches().getFirst();
        assertThat(processor.state("Pass").language()).isEqualTo(QueryLanguage.JSONPATH);
        assertThat(processor.state("Q").language()).isEqualTo(QueryLanguage.JSONPATH);
        assertThat(message(json("{'StartAt':'P','States':{'P':{'Type':'Parallel','End':true,'Branches':[{'QueryLanguage':"
                + "'JSONata','StartAt':'B','States':{'B':{'Type':'Pass','End':true}}}]}}}")))
                .contains("Field 'QueryLanguage' is not supported at /States/P/Branches[0]");
    }
}
