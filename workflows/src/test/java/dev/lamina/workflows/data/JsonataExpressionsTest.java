package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.lamina.workflows.data.JsonataTesting.PREFIX;
import static dev.lamina.workflows.data.JsonataTesting.env;
import static dev.lamina.workflows.data.JsonataTesting.eval;
import static dev.lamina.workflows.data.JsonataTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonataExpressionsTest {

    @Test
    void onlyStringsWrappedInPercentBracesAreExpressions() {
        assertThat(JsonataExpressions.isExpression(json("'{% 1 %}'"))).isTrue();
        assertThat(JsonataExpressions.isExpression(json("'{%1%}'"))).isTrue();
        assertThat(JsonataExpressions.isExpression(json("' {% 1 %}'"))).isFalse();
        assertThat(JsonataExpressions.isExpression(json("'{% 1 %} '"))).isFalse();
        assertThat(JsonataExpressions.isExpression(json("'$.a'"))).isFalse();
        assertThat(JsonataExpressions.isExpression(json("1"))).isFalse();
        assertThat(JsonataExpressions.body("{%  $x + 1 %}")).isEqualTo("$x + 1");
    }

    @Test
    void statesInputAndVariablesAreBound() throws Exception {
        JsonataEnv env = env(json("{'a':{'b':[1,2,3]}}"), Map.of("n", json("10"), "s", json("'x'")));
        assertThat(JsonataExpressions.evaluate("$sum($states.input.a.b) + $n", "Output", env)).isEqualTo(json("16"));
        assertThat(JsonataExpressions.evaluate("$s & '!'", "Output", env)).isEqualTo(json("'x!'"));
        assertThat(JsonataExpressions.evaluate("$states.context.Execution.Name", "Output", env))
                .isEqualTo(json("'run'"));
    }

    @Test
    void resultAndErrorOutputAreBoundOnlyWhereTheyExist() throws Exception {
        JsonataEnv env = env(json("{}"));
        assertThat(JsonataExpressions.evaluateRaw("$states.result", "Output", env)).isNull();
        assertThat(JsonataExpressions.evaluate("$states.result.x", "Output", env.withResult(json("{'x':1}"))))
                .isEqualTo(json("1"));
        assertThat(JsonataExpressions.evaluate("$states.errorOutput.Error", "Output",
                env.withErrorOutput(json("{'Error':'E','Cause':'C'}")))).isEqualTo(json("'E'"));
    }

    @Test
    void jsonNullIsNullAndMissingIsUndefined() throws Exception {
        JsonNode input = json("{'a':null}");
        assertThat(eval("$states.input.a", input).isNull()).isTrue();
        assertThat(eval("$states.input.a = null", input)).isEqualTo(json("true"));
        assertThat(eval("$exists($states.input.a)", input)).isEqualTo(json("true"));
        assertThat(eval("$exists($states.input.b)", input)).isEqualTo(json("false"));
        assertThat(eval("null", input).isNull()).isTrue();
        assertThat(eval("{'k': $states.input.b, 'n': null}", input)).isEqualTo(json("{'n':null}"));
    }

    @Test
    void integralNumbersPrintWithoutAFraction() throws Exception {
        assertThat(eval("6 / 2", json("{}")).toString()).isEqualTo("3");
        assertThat(eval("1.5 * 2", json("{}")).toString()).isEqualTo("3");
        assertThat(eval("7 / 2", json("{}")).toString()).isEqualTo("3.5");
        assertThat(eval("$states.input.n", json("{'n':12345678901234}")).toString()).isEqualTo("12345678901234");
    }

    @Test
    void anUndefinedResultIsAwsQueryEvaluationError() {
        assertThatThrownBy(() -> JsonataExpressions.evaluate("$doesNotExist", "Output/result", env(json("{}"))))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause()).contains(PREFIX + "The JSONata expression '$doesNotExist' specified for "
                            + "the field 'Output/result' returned nothing (undefined).");
                    assertThat(e.location()).contains("Output/result");
                });
    }

    @Test
    void aFunctionResultIsAnUnsupportedResultType() {
        assertThatThrownBy(() -> eval("$fn := function($x){$x}", json("{}")))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).contains(PREFIX
                        + "The JSONata expression '$fn := function($x){$x}' specified for the field 'Output' "
                        + "returned an unsupported result type."));
    }

    @Test
    void aRuntimeErrorNamesJsonataCodeAndMessage() {
        assertThatThrownBy(() -> eval("$randomSeeded(1)", json("{}")))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause()).contains(PREFIX
                        + "The JSONata expression '$randomSeeded(1)' specified for the field 'Output' threw an error "
                        + "during evaluation. T1006: Attempted to invoke a non-function"));
    }

    @Test
    void aSyntaxErrorIsAQueryEvaluationError() {
        assertThatThrownBy(() -> eval("1 +", json("{}")))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.QueryEvaluationError");
                    assertThat(e.cause().orElseThrow()).startsWith(PREFIX + "The JSONata expression '1 +' specified "
                            + "for the field 'Output' threw an error during evaluation. S0");
                });
    }

    @Test
    void regularExpressionsWithEscapedDollarsWork() throws Exception {
        assertThat(eval("$contains(\"hello$world\", /^hello\\$/)", json("{}"))).isEqualTo(json("true"));
        assertThat(eval("$contains('hello$world', /^hello\\ /)", json("{}"))).isEqualTo(json("false"));
    }

    @Test
    void evalIsNotAvailable() {
        assertThatThrownBy(() -> eval("$eval('1')", json("{}")))
                .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.cause().orElseThrow())
                        .endsWith("T1006: Attempted to invoke a non-function"));
    }

    @Test
    void unexpectedTypeCausePrintsTheValueAsJson() {
        StatesError e = JsonataExpressions.unexpectedType("$v", "Items", "array", json("{'foo':'bar'}"),
                env(json("{}")));
        assertThat(e.cause()).contains(PREFIX + "The JSONata expression '$v' specified for the field 'Items' returned "
                + "an unexpected result type. Expected 'array', but was 'object' for value: {\"foo\":\"bar\"}");
    }
}
