package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.lamina.workflows.data.JsonPathFixtures.json;
import static dev.lamina.workflows.data.JsonPathFixtures.scope;
import static dev.lamina.workflows.data.JsonPathFixtures.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChoiceRulesTest {
    private static final JsonNode INPUT = json("{`s`: `log-2024.txt`, `n`: 10, `f`: 2.5, `b`: true, `nul`: null,"
            + " `t`: `2024-01-01T10:00:00Z`, `t2`: `2024-01-01T11:00:00+02:00`, `star`: `a*b\\\\c`, `other`: `10`}");

    private static boolean rule(String rule) throws StatesError {
        return ChoiceRules.matches(json(rule), INPUT, scope(Map.of("limit", json("10"))), where());
    }

    @Test
    void comparesEachTypeOnlyWithItsOwnType() throws Exception {
        assertThat(rule("{`Variable`: `$.n`, `NumericEquals`: 10.0}")).isTrue();
        assertThat(rule("{`Variable`: `$.other`, `NumericEquals`: 10}")).isFalse();
        assertThat(rule("{`Variable`: `$.n`, `StringEquals`: `10`}")).isFalse();
        assertThat(rule("{`Variable`: `$.f`, `NumericGreaterThan`: 2}")).isTrue();
        assertThat(rule("{`Variable`: `$.f`, `NumericLessThanEquals`: 2.5}")).isTrue();
        assertThat(rule("{`Variable`: `$.s`, `StringLessThan`: `m`}")).isTrue();
        assertThat(rule("{`Variable`: `$.s`, `StringGreaterThanEquals`: `log-2024.txt`}")).isTrue();
        assertThat(rule("{`Variable`: `$.b`, `BooleanEquals`: true}")).isTrue();
        assertThat(rule("{`Variable`: `$.nul`, `BooleanEquals`: false}")).isFalse();
    }

    @Test
    void pathOperatorsReadTheirOperandFromInputContextOrVariables() throws Exception {
        assertThat(rule("{`Variable`: `$.n`, `NumericEqualsPath`: `$limit`}")).isTrue();
        assertThat(rule("{`Variable`: `$limit`, `NumericGreaterThanEqualsPath`: `$.f`}")).isTrue();
        assertThat(rule("{`Variable`: `$$.State.Name`, `StringEqualsPath`: `$$.State.Name`}")).isTrue();
        assertThat(rule("{`Variable`: `$.t`, `TimestampLessThanPath`: `$.t2`}")).isFalse();
        assertThat(rule("{`Variable`: `$.t2`, `TimestampLessThanPath`: `$.t`}")).isTrue();
    }

    @Test
    void timestampsFollowTheStatesLanguageProfile() throws Exception {
        assertThat(rule("{`Variable`: `$.t`, `TimestampEquals`: `2024-01-01T10:00:00.000Z`}")).isTrue();
        assertThat(rule("{`Variable`: `$.t`, `TimestampGreaterThan`: `2024-01-01`}")).isFalse();
        assertThat(Timestamps.parse("2016-03-05T21:29:29.243167252Z")).isPresent();
        assertThat(Timestamps.parse("2016-12-05T21:29:29")).isEmpty();
        assertThat(Timestamps.parse("2016-12-05t21:29:29z")).isEmpty();
        assertThat(Timestamps.parse("2016-13-05T21:29:29Z")).isEmpty();
        assertThat(Timestamps.parse("05-12-2016T21:29:29Z")).isEmpty();
        assertThat(rule("{`Variable`: `$.t`, `IsTimestamp`: true}")).isTrue();
        assertThat(rule("{`Variable`: `$.s`, `IsTimestamp`: false}")).isTrue();
    }

    @Test
    void stringMatchesTakesStarsAndEscapes() throws Exception {
        assertThat(rule("{`Variable`: `$.s`, `StringMatches`: `log-*.txt`}")).isTrue();
        assertThat(rule("{`Variable`: `$.s`, `StringMatches`: `*.csv`}")).isFalse();
        assertThat(rule("{`Variable`: `$.star`, `StringMatches`: `a\\\\*b\\\\\\\\c`}")).isTrue();
        assertThat(rule("{`Variable`: `$.s`, `StringMatches`: `log\\\\*`}")).isFalse();
        assertThat(ChoiceRules.wildcard("(.+)*").matcher("(.+)xyz").matches()).isTrue();
    }

    @Test
    void typeTestsAndPresence() throws Exception {
        assertThat(rule("{`Variable`: `$.nul`, `IsNull`: true}")).isTrue();
        assertThat(rule("{`Variable`: `$.n`, `IsNumeric`: true}")).isTrue();
        assertThat(rule("{`Variable`: `$.n`, `IsString`: false}")).isTrue();
        assertThat(rule("{`Variable`: `$.b`, `IsBoolean`: true}")).isTrue();
        assertThat(rule("{`Variable`: `$.missing`, `IsPresent`: false}")).isTrue();
        assertThat(rule("{`Variable`: `$.nul`, `IsPresent`: true}")).isTrue();
    }

    @Test
    void booleanCombinations() throws Exception {
        assertThat(rule("{`And`: [{`Variable`: `$.n`, `NumericEquals`: 10}, {`Not`: {`Variable`: `$.b`, `BooleanEquals`: false}}]}")).isTrue();
        assertThat(rule("{`Or`: [{`Variable`: `$.n`, `NumericEquals`: 1}, {`Variable`: `$.s`, `IsString`: false}]}")).isFalse();
        assertThat(rule("{`Or`: [{`Variable`: `$.n`, `NumericEquals`: 1}, {`Variable`: `$.missing`, `IsPresent`: false}]}")).isTrue();
    }

    @Test
    void aVariableThatMatchesNothingIsAwsRuntimeError() {
        assertThatThrownBy(() -> rule("{`Variable`: `$.missing`, `NumericEquals`: 1}"))
                .isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.error()).isEqualTo("States.Runtime");
                    assertThat(e.cause()).contains("An error occurred while executing the state 'S' (entered at the event id #7). "
                            + "Invalid path '$.missing': The choice state's condition path references an invalid value.");
                });
    }
}
