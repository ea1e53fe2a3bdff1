package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.QueryLanguage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.lamina.workflows.data.JsonPathFixtures.json;
import static dev.lamina.workflows.data.JsonPathFixtures.scope;
import static dev.lamina.workflows.data.JsonPathFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonPathDataflowTest {
    private static final Dataflow FLOW = Dataflows.of(QueryLanguage.JSONPATH);
    private static final Instant NOW = Instant.parse("2024-05-01T00:00:00Z");

    private static void runtime(ThrowingCall call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo("States.Runtime");
            assertThat(e.cause()).contains("An error occurred while executing the state 'S' (entered at the event id #7). " + message);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void passAppliesInputPathParametersResultPathAndOutputPath() throws Exception {
        var s = state("{`Type`: `Pass`, `InputPath`: `$.in`, `Parameters`: {`x.$`: `$.a`, `k`: [{`y.$`: `$$.State.Name`}], `c`: 1},"
                + " `ResultPath`: `$.out`, `OutputPath`: `$.out`, `End`: true}");
        Outcome o = FLOW.pass(s, json("{`in`: {`a`: 5}}"), scope());
        assertThat(o.output()).isEqualTo(json("{`x`: 5, `k`: [{`y`: `S`}], `c`: 1}"));
        assertThat(o.assigned()).isEmpty();
    }

    @Test
    void nullInputPathAndOutputPathGiveEmptyObjects() throws Exception {
        assertThat(FLOW.pass(state("{`Type`: `Pass`, `InputPath`: null, `End`: true}"), json("{`a`: 1}"), scope()).output())
                .isEqualTo(json("{}"));
        assertThat(FLOW.passThrough(state("{`Type`: `Succeed`, `OutputPath`: null}"), json("{`a`: 1}"), scope()).output())
                .isEqualTo(json("{}"));
        assertThat(FLOW.pass(state("{`Type`: `Pass`, `Result`: 3, `ResultPath`: null, `End`: true}"), json("{`a`: 1}"), scope()).output())
                .isEqualTo(json("{`a`: 1}"));
    }

    @Test
    void passAssignSeesTheResultAndTheVariablesBeforeTheState() throws Exception {
        var s = state("{`Type`: `Pass`, `Result`: {`r`: 1}, `Assign`: {`fromResult.$`: `$.r`, `old.$`: `$x`, `lit`: {`n`: 1}},"
                + " `End`: true}");
        Outcome o = FLOW.pass(s, json("{}"), scope(Map.of("x", json("`before`"))));
        assertThat(o.assigned()).isEqualTo(Map.of("fromResult", json("1"), "old", json("`before`"), "lit", json("{`n`: 1}")));
        assertThat(o.output()).isEqualTo(json("{`r`: 1}"));
    }

    @Test
    void aMissingPathInATemplateIsAwsRuntimeError() {
        var s = state("{`Type`: `Pass`, `Parameters`: {`b.$`: `$.a`}, `End`: true}");
        runtime(() -> FLOW.pass(s, json("{`z`: 1}"), scope()),
                "The JSONPath '$.a' specified for the field 'b.$' could not be found in the input '{\"z\":1}'");
        runtime(() -> FLOW.pass(state("{`Type`: `Pass`, `OutputPath`: `$.no`, `End`: true}"), json("{}"), scope()),
                "Invalid path '$.no' : No results for path: $['no']");
    }

    @Test
    void taskOutputAssignsFromTheRawResultAndAppliesResultSelectorThenResultPath() throws Exception {
        var s = state("{`Type`: `Task`, `Resource`: `r`, `ResultSelector`: {`p.$`: `$.Payload`},"
                + " `ResultPath`: `$.res`, `Assign`: {`got.$`: `$.Payload`}, `End`: true}");
        Outcome o = FLOW.output(s, json("{`in`: 1}"), json("{`Payload`: 42, `StatusCode`: 200}"), scope());
        assertThat(o.output()).isEqualTo(json("{`in`: 1, `res`: {`p`: 42}}"));
        assertThat(o.assigned()).isEqualTo(Map.of("got", json("42")));
        assertThat(FLOW.effectiveInput(state("{`Type`: `Task`, `Resource`: `r`, `InputPath`: `$.a`, `End`: true}"),
                json("{`a`: [1]}"), scope())).isEqualTo(json("[1]"));
    }

    @Test
    void aCatcherPutsTheErrorOutputAtItsResultPath() throws Exception {
        var s = state("{`Type`: `Task`, `Resource`: `r`, `End`: true}");
        ObjectNode error = (ObjectNode) json("{`Error`: `E`, `Cause`: `C`}");
        Outcome replaced = FLOW.caught(s, (ObjectNode) json("{`ErrorEquals`: [`States.ALL`], `Next`: `N`}"), json("{`a`: 1}"), error, scope());
        assertThat(replaced.output()).isEqualTo(error);
        Outcome merged = FLOW.caught(s, (ObjectNode) json("{`ErrorEquals`: [`States.ALL`], `Next`: `N`, `ResultPath`: `$.err`,"
                + " `Assign`: {`e.$`: `$.Error`}}"), json("{`a`: 1}"), error, scope());
        assertThat(merged.output()).isEqualTo(json("{`a`: 1, `err`: {`Error`: `E`, `Cause`: `C`}}"));
        assertThat(merged.assigned()).isEqualTo(Map.of("e", json("`E`")));
    }

    @Test
    void choiceTakesTheFirstMatchingRuleWithItsAssignElseTheDefaultWithTheStatesAssign() throws Exception {
        var s = state("{`Type`: `Choice`, `OutputPath`: `$.v`, `Choices`: ["
                + "{`Variable`: `$.v`, `NumericGreaterThan`: 10, `Next`: `Big`, `Assign`: {`size`: `big`}},"
                + "{`Variable`: `$.v`, `NumericGreaterThan`: 5, `Next`: `Medium`}],"
                + " `Default`: `Small`, `Assign`: {`size`: `small`, `v.$`: `$.v`}}");
        Dataflow.Choice big = FLOW.choose(s, json("{`v`: 11}"), scope());
        assertThat(big.next()).contains("Big");
        assertThat(big.outcome().assigned()).isEqualTo(Map.of("size", json("`big`")));
        assertThat(big.outcome().output()).isEqualTo(json("11"));
        assertThat(FLOW.choose(s, json("{`v`: 6}"), scope()).outcome().assigned()).isEmpty();
        Dataflow.Choice small = FLOW.choose(s, json("{`v`: 1}"), scope());
        assertThat(small.next()).contains("Small");
        assertThat(small.outcome().assigned()).isEqualTo(Map.of("size", json("`small`"), "v", json("1")));
        var noDefault = state("{`Type`: `Choice`, `Choices`: [{`Variable`: `$.v`, `IsNull`: true, `Next`: `X`}]}");
        assertThat(FLOW.choose(noDefault, json("{`v`: 1}"), scope()).next()).isEmpty();
    }

    @Test
    void waitComputesItsDeadlineWithAwsErrors() throws Exception {
        assertThat(FLOW.waitUntil(state("{`Type`: `Wait`, `Seconds`: 5, `End`: true}"), json("{}"), scope(), NOW).until())
                .isEqualTo(NOW.plusSeconds(5));
        var secondsPath = state("{`Type`: `Wait`, `SecondsPath`: `$.w`, `End`: true}");
        assertThat(FLOW.waitUntil(secondsPath, json("{`w`: 3}"), scope(), NOW).until()).isEqualTo(NOW.plusSeconds(3));
        runtime(() -> FLOW.waitUntil(secondsPath, json("{`w`: 1.5}"), scope(), NOW),
                "The SecondsPath parameter cannot be parsed as a long value: $.w == 1.5");
        runtime(() -> FLOW.waitUntil(secondsPath, json("{`w`: -1}"), scope(), NOW),
                "The SecondsPath parameter references a negative value: $.w == -1");
        assertThat(FLOW.waitUntil(secondsPath, json("{`w`: 2147483647}"), scope(), NOW).until()).isEqualTo(NOW.plusSeconds(2147483647L));
        runtime(() -> FLOW.waitUntil(secondsPath, json("{`w`: 2147483648}"), scope(), NOW), "Wait state delay is too long.");
        assertThat(FLOW.waitUntil(state("{`Type`: `Wait`, `Timestamp`: `2016-03-14T01:59:00Z`, `End`: true}"), json("{}"), scope(), NOW)
                .until()).isEqualTo(Instant.parse("2016-03-14T01:59:00Z"));
        var timestampPath = state("{`Type`: `Wait`, `TimestampPath`: `$.t`, `End`: true}");
        runtime(() -> FLOW.waitUntil(timestampPath, json("{`t`: `2016-12-05T21:29:29`}"), scope(), NOW),
                "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                        + "$.t == 2016-12-05T21:29:29");
        var waiting = FLOW.waitUntil(state("{`Type`: `Wait`, `Seconds`: 1, `Assign`: {`a.$`: `$.x`}, `End`: true}"),
                json("{`x`: 2}"), scope(), NOW);
        assertThat(waiting.outcome().assigned()).isEqualTo(Map.of("a", json("2")));
        assertThat(waiting.outcome().output()).isEqualTo(json("{`x`: 2}"));
    }

    @Test
    void failTakesLiteralsPathsOrIntrinsics() throws Exception {
        assertThat(FLOW.failure(state("{`Type`: `Fail`, `Error`: `E`, `Cause`: `C`}"), json("{}"), scope()))
                .isEqualTo(new Dataflow.Failure(Optional.of("E"), Optional.of("C")));
        assertThat(FLOW.failure(state("{`Type`: `Fail`}"), json("{}"), scope()))
                .isEqualTo(new Dataflow.Failure(Optional.empty(), Optional.empty()));
        var paths = state("{`Type`: `Fail`, `ErrorPath`: `$.e`, `CausePath`: `States.Format('bad {}', $.e)`}");
        assertThat(FLOW.failure(paths, json("{`e`: `Oops`}"), scope()))
                .isEqualTo(new Dataflow.Failure(Optional.of("Oops"), Optional.of("bad Oops")));
        runtime(() -> FLOW.failure(state("{`Type`: `Fail`, `CausePath`: `$.nope`}"), json("{`a`: 0}"), scope()),
                "The JSONPath '$.nope' specified for the field 'CausePath' could not be found in the input '{\"a\":0}'");
    }

    @Test
    void mapItemsAndEachItemsInput() throws Exception {
        var s = state("{`Type`: `Map`, `InputPath`: `$.d`, `ItemsPath`: `$.list`,"
                + " `ItemSelector`: {`i.$`: `$$.Map.Item.Index`, `v.$`: `$$.Map.Item.Value`, `k.$`: `$.k`}, `End`: true}");
        JsonNode input = json("{`d`: {`list`: [`a`, `b`], `k`: 9}}");
        assertThat(FLOW.items(s, input, scope())).isEqualTo(List.of(json("`a`"), json("`b`")));
        assertThat(FLOW.item(s, input, json("`b`"), 1, scope())).isEqualTo(json("{`i`: 1, `v`: `b`, `k`: 9}"));
        var plain = state("{`Type`: `Map`, `End`: true}");
        assertThat(FLOW.item(plain, json("[1]"), json("1"), 0, scope())).isEqualTo(json("1"));
        runtime(() -> FLOW.items(plain, json("{`a`: true}"), scope()), "Map state input must be an array but was: {\"a\":true}");
    }

    @Test
    void taskAndMapLimitsReadLiteralsOrPaths() throws Exception {
        assertThat(FLOW.taskLimits(state("{`Type`: `Task`, `Resource`: `r`, `TimeoutSeconds`: 30, `HeartbeatSecondsPath`: `$.h`,"
                + " `End`: true}"), json("{`h`: 5}"), scope()))
                .isEqualTo(new Dataflow.TaskLimits(Optional.of(Duration.ofSeconds(30)), Optional.of(Duration.ofSeconds(5))));
        assertThat(FLOW.taskLimits(state("{`Type`: `Task`, `Resource`: `r`, `End`: true}"), json("{}"), scope()))
                .isEqualTo(new Dataflow.TaskLimits(Optional.empty(), Optional.empty()));
        runtime(() -> FLOW.taskLimits(state("{`Type`: `Task`, `Resource`: `r`, `TimeoutSecondsPath`: `$.t`, `End`: true}"),
                json("{}"), scope()), "Invalid path '$.t' : No results for path: $['t']");
        var map = state("{`Type`: `Map`, `MaxConcurrencyPath`: `$.m`, `ToleratedFailureCount`: 2,"
                + " `ToleratedFailurePercentagePath`: `$.p`, `End`: true}");
        assertThat(FLOW.mapLimits(map, json("{`m`: 3, `p`: 12.5}"), scope()))
                .isEqualTo(new Dataflow.MapLimits(3, OptionalInt.of(2), Optional.of(12.5)));
        runtime(() -> FLOW.mapLimits(map, json("{`m`: `NoNumber`, `p`: 1}"), scope()),
                "The MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.m");
        runtime(() -> FLOW.mapLimits(map, json("{`m`: {}, `p`: 1}"), scope()),
                "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: $.m");
        var tolerated = state("{`Type`: `Map`, `ToleratedFailureCountPath`: `$.c`, `ToleratedFailurePercentagePath`: `$.p`, `End`: true}");
        runtime(() -> FLOW.mapLimits(tolerated, json("{`c`: `NoNumber`, `p`: 1}"), scope()),
                "The ToleratedFailureCountPath field refers to value \"NoNumber\" which is not a valid integer: $.c");
        runtime(() -> FLOW.mapLimits(tolerated, json("{`c`: -1, `p`: 1}"), scope()), "ToleratedFailureCount cannot be negative.");
        runtime(() -> FLOW.mapLimits(tolerated, json("{`c`: 1, `p`: `x`}"), scope()),
                "The ToleratedFailurePercentagePath field refers to value \"x\" which is not a valid float: $.p");
        runtime(() -> FLOW.mapLimits(tolerated, json("{`c`: 1, `p`: 100.1}"), scope()),
                "ToleratedFailurePercentage must be between 0 and 100.");
        assertThat(FLOW.mapLimits(tolerated, json("{`c`: 0, `p`: 1.1}"), scope()))
                .isEqualTo(new Dataflow.MapLimits(0, OptionalInt.of(0), Optional.of(1.1)));
        assertThat(FLOW.mapLimits(state("{`Type`: `Map`, `End`: true}"), json("{}"), scope()))
                .isEqualTo(new Dataflow.MapLimits(0, OptionalInt.empty(), Optional.empty()));
    }
}
