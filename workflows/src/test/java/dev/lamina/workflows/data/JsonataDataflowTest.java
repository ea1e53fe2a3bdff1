package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.workflows.asl.StateType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.lamina.workflows.data.JsonataTesting.PREFIX;
import static dev.lamina.workflows.data.JsonataTesting.json;
import static dev.lamina.workflows.data.JsonataTesting.raw;
import static dev.lamina.workflows.data.JsonataTesting.scope;
import static dev.lamina.workflows.data.JsonataTesting.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonataDataflowTest {
    private final Dataflow flow = JsonataDataflow.INSTANCE;

    @Test
    void passWithoutOutputPassesItsInputAndAssignsFromThePreviousVariables() throws Exception {
        var s = state(StateType.PASS, raw("{\"Assign\": {\"x\": \"{% $x + 1 %}\", \"y\": \"{% $x %}\", \"lit\": \"$x\"}}"));
        Outcome out = flow.pass(s, json("{'a':1}"), scope(Map.of("x", json("1"))));
        assertThat(out.output()).isEqualTo(json("{'a':1}"));
        assertThat(out.assigned()).isEqualTo(Map.of("x", json("2"), "y", json("1"), "lit", json("'$x'")));
    }

    @Test
    void outputOfATaskDefaultsToItsResultAndSeesStatesResult() throws Exception {
        var plain = state(StateType.TASK, json("{}"));
        assertThat(flow.output(plain, json("{'in':1}"), json("{'r':2}"), scope()).output()).isEqualTo(json("{'r':2}"));
        var shaped = state(StateType.TASK, raw("{\"Output\": {\"i\": \"{% $states.input.in %}\", "
                + "\"r\": \"{% $states.result.r %}\"}}"));
        assertThat(flow.output(shaped, json("{'in':1}"), json("{'r':2}"), scope()).output())
                .isEqualTo(json("{'i':1,'r':2}"));
    }

    @Test
    void argumentsShapeTheEffectiveInputElseTheInputItself() throws Exception {
        var s = state(StateType.TASK, raw("{\"Arguments\": {\"Payload\": \"{% $states.input.p %}\"}}"));
        assertThat(flow.effectiveInput(s, json("{'p':[1]}"), scope())).isEqualTo(json("{'Payload':[1]}"));
        assertThat(flow.effectiveInput(state(StateType.TASK, json("{}")), json("{'p':1}"), scope()))
                .isEqualTo(json("{'p':1}"));
    }

    @Test
    void aCatcherOutputsTheErrorOutputUnlessItHasOutput() throws Exception {
        var s = state(StateType.TASK, json("{}"));
        var error = (ObjectNode) json("{'Error':'E','Cause':'C'}");
        assertThat(flow.caught(s, (ObjectNode) json("{'Next':'F'}"), json("{}"), error, scope()).output())
                .isEqualTo(error);
        var catcher = (ObjectNode) raw("{\"Next\": \"F\", \"Output\": {\"e\": \"{% $states.errorOutput.Error %}\"}, "
                + "\"Assign\": {\"c\": \"{% $states.errorOutput.Cause %}\"}}");
        Outcome out = flow.caught(s, catcher, json("{}"), error, scope());
        assertThat(out.output()).isEqualTo(json("{'e':'E'}"));
        assertThat(out.assigned()).isEqualTo(Map.of("c", json("'C'")));
    }

    @Test
    void choiceTakesTheFirstTrueRuleWithItsOwnOutputAndAssign() throws Exception {
        var s = state(StateType.CHOICE, raw("{\"Choices\": [{\"Condition\": \"{% $states.input.v > 5 %}\", "
                + "\"Next\": \"Big\", \"Output\": \"big\", \"Assign\": {\"a\": 1}}, {\"Condition\": true, "
                + "\"Next\": \"Any\"}], \"Default\": \"D\", \"Assign\": {\"a\": 0}, \"Output\": \"default\"}"));
        Dataflow.Choice big = flow.choose(s, json("{'v':6}"), scope());
        assertThat(big.next()).contains("Big");
        assertThat(big.outcome()).isEqualTo(new Outcome(json("'big'"), Map.of("a", json("1"))));
        Dataflow.Choice any = flow.choose(s, json("{'v':1}"), scope());
        assertThat(any.next()).contains("Any");
        assertThat(any.outcome()).isEqualTo(Outcome.of(json("{'v':1}")));
    }

    @Test
    void choiceFallsBackToDefaultWithTheStatesOutputAndAssignElseToNothing() throws Exception {
        var s = state(StateType.CHOICE, raw("{\"Choices\": [{\"Condition\": false, \"Next\": \"X\"}], "
                + "\"Default\": \"D\", \"Assign\": {\"a\": 0}, \"Output\": \"default\"}"));
        assertThat(flow.choose(s, json("{}"), scope()))
                .isEqualTo(new Dataflow.Choice(Optional.of("D"), new Outcome(json("'default'"), Map.of("a", json("0")))));
        var noDefault = state(StateType.CHOICE, raw("{\"Choices\": [{\"Condition\": false, \"Next\": \"X\"}]}"));
        assertThat(flow.choose(noDefault, json("{}"), scope()).next()).isEmpty();
    }

    @Test
    void aConditionThatIsNotBooleanFails() {
        var s = state(StateType.CHOICE, raw("{\"Choices\": [{\"Condition\": \"{% $states.input.v %}\", \"Next\": \"X\"}]}"));
        assertThatThrownBy(() -> flow.choose(s, json("{'v':'yes'}"), scope()))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).contains(PREFIX
                        + "The JSONata expression '$states.input.v' specified for the field 'Condition' returned an "
                        + "unexpected result type. Expected 'boolean', but was 'string' for value: \"yes\""));
    }

    @Test
    void waitSecondsAndTimestampsComeFromExpressions() throws Exception {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        var seconds = state(StateType.WAIT, raw("{\"Seconds\": \"{% $states.input.s %}\"}"));
        assertThat(flow.waitUntil(seconds, json("{'s':5}"), scope(), now).until()).isEqualTo(now.plusSeconds(5));
        var at = state(StateType.WAIT, raw("{\"Timestamp\": \"{% $states.input.t %}\", \"Output\": {\"w\": true}}"));
        Dataflow.Waiting w = flow.waitUntil(at, json("{'t':'2016-03-05T21:29:29.243167252Z'}"), scope(), now);
        assertThat(w.until()).isEqualTo(Instant.parse("2016-03-05T21:29:29.243167252Z"));
        assertThat(w.outcome().output()).isEqualTo(json("{'w':true}"));
    }

    @Test
    void badWaitValuesFailWithAwsCauses() {
        var at = state(StateType.WAIT, raw("{\"Timestamp\": \"{% $states.input.t %}\"}"));
        assertThatThrownBy(() -> flow.waitUntil(at, json("{'t':'2016-12-05 21:29:29Z'}"), scope(), Instant.EPOCH))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.cause()).contains(PREFIX + "The Timestamp field cannot be parsed as an ISO-8601 "
                            + "extended offset date-time format string: 2016-12-05 21:29:29Z");
                    assertThat(e.location()).contains("Timestamp");
                });
        var seconds = state(StateType.WAIT, raw("{\"Seconds\": \"{% $states.input.s %}\"}"));
        assertThatThrownBy(() -> flow.waitUntil(seconds, json("{'s':1.5}"), scope(), Instant.EPOCH))
                .isInstanceOf(StatesError.class).hasMessageContaining("Expected 'integer'");
        assertThatThrownBy(() -> flow.waitUntil(seconds, json("{'s':-1}"), scope(), Instant.EPOCH))
                .isInstanceOf(StatesError.class).hasMessageContaining("at least 0");
    }

    @Test
    void failErrorAndCauseMayBeExpressions() throws Exception {
        var s = state(StateType.FAIL, raw("{\"Error\": \"{% $states.input.e %}\", \"Cause\": \"literal\"}"));
        assertThat(flow.failure(s, json("{'e':'Boom'}"), scope()))
                .isEqualTo(new Dataflow.Failure(Optional.of("Boom"), Optional.of("literal")));
        assertThat(flow.failure(state(StateType.FAIL, json("{}")), json("{}"), scope()))
                .isEqualTo(new Dataflow.Failure(Optional.empty(), Optional.empty()));
    }

    @Test
    void mapItemsMustBeAnArrayAndItemSelectorSeesMapItem() throws Exception {
        var s = state(StateType.MAP, raw("{\"Items\": \"{% $states.input.xs %}\", \"ItemSelector\": "
                + "{\"v\": \"{% $states.context.Map.Item.Value %}\", \"i\": \"{% $states.context.Map.Item.Index %}\"}}"));
        assertThat(flow.items(s, json("{'xs':['a','b']}"), scope())).containsExactly(json("'a'"), json("'b'"));
        assertThat(flow.item(s, json("{}"), json("'b'"), 1, scope())).isEqualTo(json("{'v':'b','i':1}"));
        assertThatThrownBy(() -> flow.items(s, json("{'xs':1}"), scope()))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).contains(PREFIX + "The JSONata "
                        + "expression '$states.input.xs' specified for the field 'Items' returned an unexpected result "
                        + "type. Expected 'array', but was 'number' for value: 1"));
        var noItems = state(StateType.MAP, json("{}"));
        assertThat(flow.item(noItems, json("[]"), json("'b'"), 1, scope())).isEqualTo(json("'b'"));
        assertThatThrownBy(() -> flow.items(noItems, json("{'a':1}"), scope())).isInstanceOf(StatesError.class)
                .hasMessageContaining("Map state input must be an array but was: {\"a\":1}");
    }

    @Test
    void limitsComeFromLiteralsOrExpressions() throws Exception {
        var map = state(StateType.MAP, raw("{\"MaxConcurrency\": \"{% $variable := 1 %}\", \"ToleratedFailureCount\": 2, "
                + "\"ToleratedFailurePercentage\": \"{% $states.input.p %}\"}"));
        assertThat(flow.mapLimits(map, json("{'p':12.5}"), scope()))
                .isEqualTo(new Dataflow.MapLimits(1, java.util.OptionalInt.of(2), Optional.of(12.5)));
        var task = state(StateType.TASK, raw("{\"TimeoutSeconds\": \"{% 3 %}\", \"HeartbeatSeconds\": 1}"));
        assertThat(flow.taskLimits(task, json("{}"), scope()))
                .isEqualTo(new Dataflow.TaskLimits(Optional.of(Duration.ofSeconds(3)), Optional.of(Duration.ofSeconds(1))));
        assertThatThrownBy(() -> flow.mapLimits(map, json("{'p':101}"), scope())).isInstanceOf(StatesError.class);
    }

    @Test
    void succeedOutputsItsInputOrItsOutput() throws Exception {
        assertThat(flow.passThrough(state(StateType.SUCCEED, json("{}")), json("{'a':1}"), scope()).output())
                .isEqualTo(json("{'a':1}"));
        assertThat(flow.passThrough(state(StateType.SUCCEED, raw("{\"Output\": \"{% $states.input.a %}\"}")),
                json("{'a':1}"), scope()).output()).isEqualTo(json("1"));
    }

    @Test
    void otherFieldsOfTheStateAreTemplatesToo() throws Exception {
        var s = state(StateType.MAP, json("{}"));
        assertThat(flow.field(s, raw("{\"Bucket\": \"{% $states.input.b %}\", \"Key\": \"k\"}"), "ItemReader/Arguments",
                json("{'b':'bk'}"), scope())).isEqualTo(json("{'Bucket':'bk','Key':'k'}"));
        assertThatThrownBy(() -> flow.field(s, raw("\"{% $nope %}\""), "ItemBatcher/MaxItemsPerBatch", json("{}"),
                scope())).isInstanceOfSatisfying(StatesError.class,
                e -> assertThat(e.location()).contains("ItemBatcher/MaxItemsPerBatch"));
    }
}
