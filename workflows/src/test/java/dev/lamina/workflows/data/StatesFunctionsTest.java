package dev.lamina.workflows.data;

import org.junit.jupiter.api.Test;

import static dev.lamina.workflows.data.JsonataTesting.eval;
import static dev.lamina.workflows.data.JsonataTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatesFunctionsTest {

    @Test
    void partitionSplitsIntoChunksWithASmallerLastOne() throws Exception {
        assertThat(eval("$partition([1,2,3,4,5], 2)", json("{}"))).isEqualTo(json("[[1,2],[3,4],[5]]"));
        assertThat(eval("$partition([], 2)", json("{}"))).isEqualTo(json("[]"));
    }

    @Test
    void rangeIsInclusiveAndASingleElementIsThatElement() throws Exception {
        assertThat(eval("$range(0, 9, 3)", json("{}"))).isEqualTo(json("[0,3,6,9]"));
        assertThat(eval("$range(0, 10, 3)", json("{}"))).isEqualTo(json("[0,3,6,9]"));
        assertThat(eval("$range(1, 9, 9)", json("{}"))).isEqualTo(json("1"));
        assertThat(eval("$range(3, 1, -1)", json("{}"))).isEqualTo(json("[3,2,1]"));
    }

    @Test
    void rangeRejectsAZeroStepAndTooManyElements() {
        assertThatThrownBy(() -> eval("$range(0, 5, 0)", json("{}"))).isInstanceOf(StatesError.class)
                .hasMessageContaining("threw an error during evaluation. The step of $range must not be zero");
        assertThatThrownBy(() -> eval("$range(0, 1000, 1)", json("{}"))).isInstanceOf(StatesError.class)
                .hasMessageContaining("limited to 1000 elements");
    }

    @Test
    void hashGivesLowercaseHexDigests() throws Exception {
        assertThat(eval("$hash('abc', 'SHA-256')", json("{}"))).isEqualTo(
                json("'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'"));
        assertThat(eval("$hash('abc', 'MD5')", json("{}"))).isEqualTo(json("'900150983cd24fb0d6963f7d28e17f72'"));
        assertThatThrownBy(() -> eval("$hash('abc', 'SHA-3')", json("{}"))).isInstanceOf(StatesError.class)
                .hasMessageContaining("is not supported");
    }

    @Test
    void randomIsInTheUnitIntervalAndRepeatsForASeed() throws Exception {
        double r = eval("$random()", json("{}")).doubleValue();
        assertThat(r).isGreaterThanOrEqualTo(0).isLessThan(1);
        assertThat(eval("$random(42)", json("{}"))).isEqualTo(eval("$random(42)", json("{}")));
        assertThat(eval("$random(42)", json("{}"))).isNotEqualTo(eval("$random(43)", json("{}")));
    }

    @Test
    void uuidIsAVersionFourUuid() throws Exception {
        assertThat(eval("$uuid()", json("{}")).asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void parseReadsAnyJsonValue() throws Exception {
        assertThat(eval("$parse('-0')", json("{}")).toString()).isEqualTo("0");
        assertThat(eval("$parse('1.1')", json("{}"))).isEqualTo(json("1.1"));
        assertThat(eval("$parse('\"Hello\"')", json("{}"))).isEqualTo(json("'Hello'"));
        assertThat(eval("$parse($states.input.s)", json("{'s':'{\\'a\\': [1, null]}'}".replace("\\'", "\\\""))))
                .isEqualTo(json("{'a':[1,null]}"));
        assertThatThrownBy(() -> eval("$parse('{')", json("{}"))).isInstanceOf(StatesError.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aVariableNamedLikeAFunctionShadowsIt() throws Exception {
        JsonataEnv env = JsonataTesting.env(json("{}"), java.util.Map.of("uuid", json("'mine'")));
        assertThat(JsonataExpressions.evaluate("$uuid", "Output", env)).isEqualTo(json("'mine'"));
    }
}
