package dev.lamina.workflows.data;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.lamina.workflows.data.JsonPathFixtures.json;
import static dev.lamina.workflows.data.JsonPathFixtures.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathsTest {
    @Test
    void dollarReadsTheInputAndDoubleDollarTheContext() throws Exception {
        assertThat(Paths.read("$", json("{`a`: 1}"), scope())).isEqualTo(json("{`a`: 1}"));
        assertThat(Paths.read("$.a.b[1]", json("{`a`: {`b`: [5, 6]}}"), scope())).isEqualTo(json("6"));
        assertThat(Paths.read("$$.Execution.Input.in", json("{}"), scope())).isEqualTo(json("1"));
        assertThat(Paths.read("$$.State", json("{}"), scope())).isEqualTo(json("{`Name`: `S`}"));
    }

    @Test
    void aVariableIsReadByNameAndThenAsADocument() throws Exception {
        var s = scope(Map.of("list", json("[{`x`: 1}, {`x`: 2}]"), "n", json("3")));
        assertThat(Paths.read("$n", json("{}"), s)).isEqualTo(json("3"));
        assertThat(Paths.read("$list[1].x", json("{}"), s)).isEqualTo(json("2"));
        assertThat(Paths.read("$list[*].x", json("{}"), s)).isEqualTo(json("[1, 2]"));
        assertThatThrownBy(() -> Paths.read("$missing", json("{}"), s)).isInstanceOf(Paths.NotFound.class);
    }

    @Test
    void aDefinitePathThatMatchesNothingIsNotFoundWithJaywaysMessage() {
        assertThatThrownBy(() -> Paths.read("$.NoSuchOutputPath", json("{`a`: 0}"), scope()))
                .isInstanceOf(Paths.NotFound.class).hasMessage("No results for path: $['NoSuchOutputPath']");
    }

    @Test
    void anIndefinitePathThatMatchesNothingIsAnEmptyArray() throws Exception {
        assertThat(Paths.read("$.items[*]", json("{}"), scope())).isEqualTo(json("[]"));
        assertThat(Paths.read("$.item.items[1:]", json("{}"), scope())).isEqualTo(json("[]"));
        assertThat(Paths.read("$.items[?(@.v > 1)].v", json("{`items`: [{`v`: 1}, {`v`: 2}]}"), scope()))
                .isEqualTo(json("[2]"));
    }

    @Test
    void presenceCountsNullValuesButNotEmptySelections() {
        assertThat(Paths.present("$.a", json("{`a`: null}"), scope())).isTrue();
        assertThat(Paths.present("$.b", json("{`a`: null}"), scope())).isFalse();
        assertThat(Paths.present("$.a[*]", json("{`a`: []}"), scope())).isFalse();
        assertThat(Paths.present("$$.Execution.Id", json("{}"), scope())).isTrue();
    }

    @Test
    void bracketNamesKeepBackslashesAsAwsDoes() throws Exception {
        // AWS's recorded ESCAPE_SEQUENCES_JSONPATH case: the key is Test\""Name" and so is the bracket name.
        var input = Paths.JSON.readTree("{\"Test\\\\\\\"\\\"Name\\\"\": \"Value\\\"\\\\\"}");
        assertThat(input.fieldNames().next()).isEqualTo("Test\\\"\"Name\"");
        assertThat(Paths.read("$['Test\\\"\"Name\"']", input, scope()).asText()).isEqualTo("Value\"\\");
    }
}
