package dev.lamina.workflows.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.lamina.workflows.data.JsonPathFixtures.json;
import static dev.lamina.workflows.data.JsonPathFixtures.scope;
import static dev.lamina.workflows.data.JsonPathFixtures.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicsTest {
    private static final JsonNode INPUT = json("{`s`: `a,b;;c`, `arr`: [1, 2, 2, 3, {`k`: 1}, {`k`: 1.0}], `n`: 5,"
            + " `obj`: {`a`: {`x`: 1}, `b`: 2}, `obj2`: {`a`: {`y`: 1}}, `big`: 2147483647}");

    private static JsonNode eval(String text) throws StatesError {
        return Intrinsics.evaluate(text, "f.$", INPUT, scope(Map.of("v", json("`var`"))), where());
    }

    private static void fails(String text, String error) {
        assertThatThrownBy(() -> eval(text)).as(text).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.cause()).hasValueSatisfying(c -> assertThat(c)
                    .startsWith("An error occurred while executing the state 'S' (entered at the event id #7). "));
        });
    }

    @Test
    void formatFillsPlaceholdersInOrder() throws Exception {
        assertThat(eval("States.Format('{} {} {} {} {}', $.n, $v, $.obj.b, $.arr[4], null)")).isEqualTo(json("`5 var 2 {k=1} null`"));
        assertThat(eval("States.Format('{}|{}', $.obj, States.Array(1, 'a', true))")).isEqualTo(json("`{a={x=1}, b=2}|[1, a, true]`"));
        assertThat(eval("States.Format('\\{\\} {}', 'x')")).isEqualTo(json("`{} x`"));
        assertThat(eval("States.Format($v)")).isEqualTo(json("`var`"));
        fails("States.Format('{} {}', 1)", "States.IntrinsicFailure");
        fails("States.Format('{}', 1, 2)", "States.IntrinsicFailure");
    }

    @Test
    void jsonFunctionsConvertBothWays() throws Exception {
        assertThat(eval("States.StringToJson('{\"a\": [1]}')")).isEqualTo(json("{`a`: [1]}"));
        assertThat(eval("States.StringToJson(' ')")).isEqualTo(json("null"));
        assertThat(eval("States.JsonToString($.obj)")).isEqualTo(json("`{\\`a\\`:{\\`x\\`:1},\\`b\\`:2}`"));
        assertThat(eval("States.JsonMerge($.obj, $.obj2, false)")).isEqualTo(json("{`a`: {`y`: 1}, `b`: 2}"));
        fails("States.JsonMerge($.obj, $.obj2, true)", "States.IntrinsicFailure");
        fails("States.StringToJson('{nope')", "States.IntrinsicFailure");
        fails("States.StringToJson($.n)", "States.IntrinsicFailure");
    }

    @Test
    void arrayFunctions() throws Exception {
        assertThat(eval("States.Array(1, 'a', $.n, States.Array())")).isEqualTo(json("[1, `a`, 5, []]"));
        assertThat(eval("States.ArrayPartition($.arr, 4)")).isEqualTo(json("[[1, 2, 2, 3], [{`k`: 1}, {`k`: 1.0}]]"));
        assertThat(eval("States.ArrayContains($.arr, 3)")).isEqualTo(json("true"));
        assertThat(eval("States.ArrayContains($.arr, 4)")).isEqualTo(json("false"));
        assertThat(eval("States.ArrayRange(1, 9, 2)")).isEqualTo(json("[1, 3, 5, 7, 9]"));
        assertThat(eval("States.ArrayRange(3, 0, -1)")).isEqualTo(json("[3, 2, 1, 0]"));
        assertThat(eval("States.ArrayRange(0, 999, 1)").size()).isEqualTo(1000);
        assertThat(eval("States.ArrayGetItem($.arr, 3)")).isEqualTo(json("3"));
        assertThat(eval("States.ArrayLength($.arr)")).isEqualTo(json("6"));
        assertThat(eval("States.ArrayUnique($.arr)")).isEqualTo(json("[1, 2, 3, {`k`: 1}]"));
        fails("States.ArrayRange(0, 1000, 1)", "States.IntrinsicFailure");
        fails("States.ArrayRange(0, 10, 0)", "States.IntrinsicFailure");
        fails("States.ArrayRange(-9000000000000000000, 9000000000000000000, 1)", "States.IntrinsicFailure");
        fails("States.ArrayGetItem($.arr, 6)", "States.IntrinsicFailure");
        fails("States.ArrayPartition($.arr, 0)", "States.IntrinsicFailure");
        fails("States.ArrayLength($.n)", "States.IntrinsicFailure");
    }

    @Test
    void encodingAndHashing() throws Exception {
        assertThat(eval("States.Base64Encode('Data to encode')")).isEqualTo(json("`RGF0YSB0byBlbmNvZGU=`"));
        assertThat(eval("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).isEqualTo(json("`Data to encode`"));
        assertThat(eval("States.Hash('', 'MD5')")).isEqualTo(json("`d41d8cd98f00b204e9800998ecf8427e`"));
        assertThat(eval("States.Hash('abc', 'SHA-1')")).isEqualTo(json("`a9993e364706816aba3e25717850c26c9cd0d89d`"));
        assertThat(eval("States.Hash('Hash this string', 'SHA-256')"))
                .isEqualTo(json("`1cac63f39fd68d8c531f27b807610fb3d50f0fc3f186995767fb6316e7200a3e`"));
        assertThat(eval("States.Hash('abc', 'SHA-384')").asText()).startsWith("cb00753f45a35e8bb5a03d699ac65007");
        assertThat(eval("States.Hash('abc', 'SHA-512')").asText()).hasSize(128);
        fails("States.Hash('abc', 'SHA-3')", "States.IntrinsicFailure");
        fails("States.Base64Decode('%%%')", "States.IntrinsicFailure");
        String range = "States.ArrayRange(1, 999, 1)";
        assertThat(eval("States.Format('{}{}', " + range + ", " + range + ")").asText().length()).isLessThan(10_000);
        fails("States.Base64Encode(States.Format('{}{}{}', " + range + ", " + range + ", " + range + "))",
                "States.IntrinsicFailure");
    }

    @Test
    void mathStringAndUuid() throws Exception {
        assertThat(eval("States.MathAdd($.n, -7)")).isEqualTo(json("-2"));
        assertThat(eval("States.MathAdd(1.5, 1)")).isEqualTo(json("3"));
        fails("States.MathAdd($.big, 2147483648)", "States.IntrinsicFailure");
        int seeded = eval("States.MathRandom(1, 10, 42)").asInt();
        assertThat(seeded).isBetween(1, 9).isEqualTo(eval("States.MathRandom(1, 10, 42)").asInt());
        assertThat(eval("States.MathRandom(5, 5)")).isEqualTo(json("5"));
        assertThat(eval("States.MathAdd(-2.5, 0)")).isEqualTo(json("-2"));
        fails("States.MathRandom(6, 5)", "States.IntrinsicFailure");
        fails("States.Hash($.n, 'MD5')", "States.IntrinsicFailure");
        assertThat(eval("States.StringSplit($.s, ',;')")).isEqualTo(json("[`a`, `b`, `c`]"));
        assertThat(eval("States.UUID()").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void aPathArgumentThatMatchesNothingIsAwsRuntimeError() {
        assertThatThrownBy(() -> eval("States.Array($.nope)")).isInstanceOfSatisfying(StatesError.class, e -> {
            assertThat(e.error()).isEqualTo("States.Runtime");
            assertThat(e.cause()).contains("An error occurred while executing the state 'S' (entered at the event id #7). "
                    + "The JSONPath '$.nope' specified for the field 'f.$' could not be found in the input '" + INPUT + "'");
        });
        fails("States.NoSuchFunction()", "States.IntrinsicFailure");
        fails("States.Array(", "States.IntrinsicFailure");
    }

    @Test
    void arbitraryCallsEitherGiveAValueOrAStatesError() {
        String[] functions = {"Format", "StringToJson", "JsonToString", "Array", "ArrayPartition", "ArrayContains",
                "ArrayRange", "ArrayGetItem", "ArrayLength", "ArrayUnique", "Base64Encode", "Base64Decode", "Hash",
                "JsonMerge", "MathRandom", "MathAdd", "StringSplit", "UUID"};
        String[] arguments = {"$.s", "$.arr", "$.n", "$.obj", "$.big", "'{}'", "'MD5'", "-1", "0", "2.5", "1e10", "true",
                "null", "$v", "$$.State.Name", "'a,b'", "','", "$.nope", "$.arr[*]"};
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder("States.").append(functions[random.nextInt(functions.length)]).append('(');
            int n = random.nextInt(4);
            for (int j = 0; j < n; j++) {
                text.append(j == 0 ? "" : ", ");
                if (random.nextInt(5) == 0) {
                    text.append("States.").append(functions[random.nextInt(functions.length)]).append("(")
                            .append(arguments[random.nextInt(arguments.length)]).append(")");
                } else {
                    text.append(arguments[random.nextInt(arguments.length)]);
                }
            }
            text.append(')');
            try {
                assertThat(eval(text.toString())).as(text.toString()).isNotNull();
            } catch (StatesError expected) {
                assertThat(expected.error()).as(text.toString()).isIn("States.IntrinsicFailure", "States.Runtime");
            }
        }
    }
}
