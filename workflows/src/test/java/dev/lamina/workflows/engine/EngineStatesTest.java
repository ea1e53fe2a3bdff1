package dev.lamina.workflows.engine;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class EngineStatesTest {
    private final Harness h = new Harness();
    private final Engine engine = h.engine();

    @Test
    void aPassChainSucceedsWithAwsIdsAndPreviousEventIds() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.a", "Next": "B"},
                  "B": {"Type": "Pass", "End": true}}}""", "{}");
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(r.output()).contains("{\"a\":{\"x\":1}}");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "PassStateEntered 2<-0", "PassStateExited 3<-2", "PassStateEntered 4<-3", "PassStateExited 5<-4",
                "ExecutionSucceeded 6<-5");
        HistoryEvent entered = Harness.events(engine, r.executionArn()).get(1);
        assertThat(entered.details().path("stateEnteredEventDetails").path("name").asText()).isEqualTo("A");
        assertThat(entered.details().path("stateEnteredEventDetails").path("input").asText()).isEqualTo("{}");
        assertThat(entered.details().path("stateEnteredEventDetails").path("inputDetails").path("truncated")
                .asBoolean(true)).isFalse();
    }

    @Test
    void aFailStateFailsTheExecutionWithoutAnExitEvent() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}""", "{}");
        assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(r.error()).contains("E");
        assertThat(r.cause()).contains("C");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "FailStateEntered 2<-0", "ExecutionFailed 3<-2");
        HistoryEvent last = Harness.events(engine, r.executionArn()).get(2);
        assertThat(last.details().path("executionFailedEventDetails").path("error").asText()).isEqualTo("E");
    }

    @Test
    void aFailStateWithoutErrorLeavesTheDetailsEmpty() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "F", "States": {"F": {"Type": "Fail"}}}""", "{}");
        assertThat(r.error()).isEmpty();
        HistoryEvent last = Harness.events(engine, r.executionArn()).get(2);
        assertThat(last.details().path("executionFailedEventDetails").size()).isZero();
    }

    @Test
    void aChoiceWithoutMatchFailsWithNoChoiceMatched() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericEquals": 1, "Next": "S"}]},
                  "S": {"Type": "Succeed"}}}""", "{\"v\": 2}");
        assertThat(r.error()).contains("States.NoChoiceMatched");
        assertThat(Harness.types(engine, r.executionArn())).containsExactly("ExecutionStarted",
                "ChoiceStateEntered", "ExecutionFailed");
    }

    @Test
    void aChoiceGoesToTheMatchingRule() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.v", "NumericEquals": 1, "Next": "S"}],
                        "Default": "F"},
                  "S": {"Type": "Succeed"}, "F": {"Type": "Fail"}}}""", "{\"v\": 1}");
        assertThat(Harness.types(engine, r.executionArn())).containsExactly("ExecutionStarted",
                "ChoiceStateEntered", "ChoiceStateExited", "SucceedStateEntered", "SucceedStateExited",
                "ExecutionSucceeded");
    }

    @Test
    void aWaitStateWaitsOnTheScaledClock() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2, "End": true}}}""", "{\"k\": 1}");
        assertThat(r.output()).contains("{\"k\":1}");
        assertThat(Harness.types(engine, r.executionArn())).containsExactly("ExecutionStarted",
                "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded");
    }

    @Test
    void variablesAssignedByAStateShowInItsExitEventAndLaterStates() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Assign": {"v": "hello"}, "Next": "B"},
                  "B": {"Type": "Pass", "Parameters": {"got": "$v"}, "End": true}}}""", "{}");
        HistoryEvent exited = Harness.events(engine, r.executionArn()).get(2);
        assertThat(exited.details().path("stateExitedEventDetails").path("assignedVariables").path("v").asText())
                .isEqualTo("\"hello\"");
        assertThat(r.output()).isPresent();
    }

    @Test
    void aStateOutputOverTheLimitFailsWithDataLimitExceededEvenWithCatch() throws Exception {
        String big = "a".repeat(Json.PAYLOAD_LIMIT + 10);
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"big": "%s"}, "End": true}}}"""
                .formatted(big), "{}");
        assertThat(r.error()).contains("States.DataLimitExceeded");
        assertThat(r.cause()).contains("The state/task 'A' returned a result with a size exceeding the maximum "
                + "number of bytes service limit.");
        assertThat(Harness.types(engine, r.executionArn())).containsExactly("ExecutionStarted",
                "PassStateEntered", "ExecutionFailed");
    }

    @Test
    void aParallelReturnsItsBranchesOutputsInOrder() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": 1, "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "Next": "C"},
                                              "C": {"Type": "Pass", "Result": 2, "End": true}}}]}}}""", "{}");
        assertThat(r.output()).contains("[1,2]");
        List<HistoryEvent> events = Harness.events(engine, r.executionArn());
        assertThat(events.get(2).type()).isEqualTo("ParallelStateStarted");
        assertThat(events.stream().filter(e -> e.type().endsWith("StateEntered") && e.id() > 3)
                .filter(e -> e.details().path("stateEnteredEventDetails").path("name").asText().matches("[AB]"))
                .map(HistoryEvent::previousEventId)).containsOnly(3L);
        HistoryEvent succeeded = events.get(events.size() - 3);
        HistoryEvent exited = events.get(events.size() - 2);
        assertThat(succeeded.type()).isEqualTo("ParallelStateSucceeded");
        assertThat(exited.type()).isEqualTo("ParallelStateExited");
        assertThat(exited.previousEventId()).isEqualTo(succeeded.previousEventId()).isEqualTo(succeeded.id() - 1);
    }

    @Test
    void aFailingBranchFailsTheParallelWithItsError() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": 99999, "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Fail", "Error": "Boom", "Cause": "why"}}}]}}}""",
                "{}");
        assertThat(r.error()).contains("Boom");
        List<String> types = Harness.types(engine, r.executionArn());
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("ParallelStateFailed",
                "ExecutionFailed");
    }

    @Test
    void anInlineMapRecordsIterationsAsAwsDoes() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
                                    "States": {"I": {"Type": "Pass", "End": true}}}}}}""", "[1, 2]");
        assertThat(r.output()).contains("[1,2]");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "MapStateEntered 2<-0", "MapStateStarted 3<-2", "MapIterationStarted 4<-3", "PassStateEntered 5<-4",
                "PassStateExited 6<-5", "MapIterationSucceeded 7<-6", "MapIterationStarted 8<-6",
                "PassStateEntered 9<-8", "PassStateExited 10<-9", "MapIterationSucceeded 11<-10",
                "MapStateSucceeded 12<-11", "MapStateExited 13<-11", "ExecutionSucceeded 14<-13");
    }

    @Test
    void aRetriedFailingMapStartsAgainAsAwsRecords() throws Exception {
        // conformance case 63f4fd77a3
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                  "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                  "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}}}}}""",
                "[1]");
        assertThat(r.error()).contains("E");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "MapStateEntered 2<-0", "MapStateStarted 3<-2", "MapIterationStarted 4<-3", "FailStateEntered 5<-4",
                "MapIterationFailed 6<-5", "MapStateStarted 7<-5", "MapIterationStarted 8<-7",
                "FailStateEntered 9<-8", "MapIterationFailed 10<-9", "MapStateStarted 11<-9",
                "MapIterationStarted 12<-11", "FailStateEntered 13<-12", "MapIterationFailed 14<-13",
                "MapStateFailed 15<-13", "ExecutionFailed 16<-15");
    }

    @Test
    void anEmptyMapSucceedsAfterItsStart() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}""", "[]");
        assertThat(Harness.shape(engine, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "MapStateEntered 2<-0", "MapStateStarted 3<-2", "MapStateSucceeded 4<-3", "MapStateExited 5<-3",
                "ExecutionSucceeded 6<-5");
    }

    @Test
    void aDistributedMapRecordsAMapRunAndToleratesFailures() throws Exception {
        String def = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ToleratedFailureCount": %d,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "C", "States": {
                      "C": {"Type": "Choice", "Choices": [{"Variable": "$.bad", "BooleanEquals": true, "Next": "F"}],
                            "Default": "P"},
                      "F": {"Type": "Fail", "Error": "Bad"}, "P": {"Type": "Pass", "End": true}}}}}}""";
        String input = "[{\"bad\": false}, {\"bad\": true}]";
        ExecutionRecord ok = Harness.runToEnd(engine, def.formatted(1), input);
        assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(Harness.shape(engine, ok.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "MapStateEntered 2<-0", "MapStateStarted 3<-2", "MapRunStarted 4<-3", "MapRunSucceeded 5<-4",
                "MapStateSucceeded 6<-5", "MapStateExited 7<-5", "ExecutionSucceeded 8<-7");
        ExecutionRecord failed = Harness.runToEnd(engine, def.formatted(0), input);
        assertThat(failed.error()).contains("States.ExceedToleratedFailureThreshold");
        assertThat(Harness.types(engine, failed.executionArn())).contains("MapRunFailed", "MapStateFailed");
    }

    @Test
    void aQueryEvaluationErrorIsRecordedAsEvaluationFailed() throws Exception {
        h.dataflows = l -> new FakeDataflow() {
            @Override
            public dev.lamina.workflows.data.Outcome pass(dev.lamina.workflows.asl.StateNode st,
                    com.fasterxml.jackson.databind.JsonNode input, dev.lamina.workflows.data.Scope scope)
                    throws dev.lamina.workflows.data.StatesError {
                throw new dev.lamina.workflows.data.StatesError("States.QueryEvaluationError",
                        "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata "
                                + "expression '$x' specified for the field 'Output' returned nothing (undefined).");
            }
        };
        Engine e = h.engine();
        ExecutionRecord r = Harness.runToEnd(e, """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""", "{}");
        assertThat(Harness.shape(e, r.executionArn())).containsExactly("ExecutionStarted 1<-0",
                "PassStateEntered 2<-0", "EvaluationFailed 3<-0", "ExecutionFailed 4<-3");
        HistoryEvent ev = Harness.events(e, r.executionArn()).get(2);
        assertThat(ev.details().path("evaluationFailedEventDetails").path("location").asText()).isEqualTo("Output");
        assertThat(ev.details().path("evaluationFailedEventDetails").path("state").asText()).isEqualTo("A");
    }

    @Test
    void theHistoryLimitFailsAnEndlessLoop() throws Exception {
        ExecutionRecord r = Harness.runToEnd(engine, """
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
                  "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "BooleanEquals": true, "Next": "S"}],
                        "Default": "A"},
                  "S": {"Type": "Succeed"}}}""",
                "{}");
        assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
        List<HistoryEvent> events = Harness.events(engine, r.executionArn());
        assertThat(events).hasSize((int) History.LIMIT);
        assertThat(events.get(events.size() - 1).type()).isEqualTo("ExecutionFailed");
        assertThat(Optional.of(TextNode.valueOf(r.error().orElseThrow()).asText())).contains("States.Runtime");
    }
}
