package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import static dev.lamina.workflows.data.JsonPathFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultPathsTest {
    @Test
    void absentOrDollarReplacesTheInputAndNullKeepsIt() throws Exception {
        assertThat(ResultPaths.apply(null, json("{`a`: 1}"), json("2"))).isEqualTo(json("2"));
        assertThat(ResultPaths.apply(TextNode.valueOf("$"), json("{`a`: 1}"), json("2"))).isEqualTo(json("2"));
        assertThat(ResultPaths.apply(NullNode.instance, json("{`a`: 1}"), json("2"))).isEqualTo(json("{`a`: 1}"));
    }

    @Test
    void aPathMergesIntoACopyCreatingObjects() throws Exception {
        var input = json("{`a`: 1, `b`: {`c`: 2}}");
        assertThat(ResultPaths.apply(TextNode.valueOf("$.b.d.e"), input, json("[3]")))
                .isEqualTo(json("{`a`: 1, `b`: {`c`: 2, `d`: {`e`: [3]}}}"));
        assertThat(ResultPaths.apply(TextNode.valueOf("$.a"), input, json("9"))).isEqualTo(json("{`a`: 9, `b`: {`c`: 2}}"));
        assertThat(ResultPaths.apply(TextNode.valueOf("$['b']['c']"), input, json("4")))
                .isEqualTo(json("{`a`: 1, `b`: {`c`: 4}}"));
        assertThat(input).as("the input is not changed").isEqualTo(json("{`a`: 1, `b`: {`c`: 2}}"));
    }

    @Test
    void aPlaceTheInputCannotHaveIsAResultPathMatchFailure() {
        assertThatThrownBy(() -> ResultPaths.apply(TextNode.valueOf("$.a"), json("`text`"), json("1")))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.ResultPathMatchFailure");
                    assertThat(e.cause()).contains("Unable to apply ReferencePath $.a to input \"\\\"text\\\"\"");
                });
        assertThatThrownBy(() -> ResultPaths.apply(TextNode.valueOf("$.a.b"), json("{`a`: 1}"), json("1")))
                .isInstanceOf(StatesError.class);
        assertThatThrownBy(() -> ResultPaths.apply(TextNode.valueOf("$.a[3]"), json("{`a`: [1]}"), json("1")))
                .isInstanceOf(StatesError.class);
    }
}
