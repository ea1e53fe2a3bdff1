package dev.lamina.workflows.data;

import com.dashjoin.jsonata.Jsonata;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.lamina.workflows.data.JsonataTesting.PREFIX;
import static dev.lamina.workflows.data.JsonataTesting.env;
import static dev.lamina.workflows.data.JsonataTesting.json;
import static dev.lamina.workflows.data.JsonataTesting.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonataTemplateTest {

    @Test
    void expressionsAtAnyDepthAreEvaluatedAndOtherStringsAreLiterals() throws Exception {
        var template = raw("[null, 0, 0.1, true, \"string\", [], \"$nosuchvar\", \"$.no.such.path\", "
                + "\"{% $states.input %}\", {\"key\": \"{% true %}\", \"deep\": [\"{% 1 + 1 %}\"]}]");
        assertThat(JsonataTemplate.evaluate(template, "Output", env(json("{'v':'x'}"))))
                .isEqualTo(raw("[null, 0, 0.1, true, \"string\", [], \"$nosuchvar\", \"$.no.such.path\", "
                        + "{\"v\": \"x\"}, {\"key\": true, \"deep\": [2]}]"));
    }

    @Test
    void theTemplateItselfIsNeverChanged() throws Exception {
        var template = raw("{\"a\": {\"b\": \"{% 1 %}\"}}");
        var out = JsonataTemplate.evaluate(template, "Output", env(json("{}")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) out.get("a")).put("c", 1);
        assertThat(template).isEqualTo(raw("{\"a\": {\"b\": \"{% 1 %}\"}}"));
    }

    @Test
    void aNestedUndefinedNamesTheFieldPath() {
        assertThatThrownBy(() -> JsonataTemplate.evaluate(raw("{\"Payload\": {\"x\": \"{% $nope %}\"}}"), "Arguments",
                env(json("{}")))).isInstanceOfSatisfying(StatesError.class, e -> {
                    assertThat(e.cause()).contains(PREFIX + "The JSONata expression '$nope' specified for the field "
                            + "'Arguments/Payload/x' returned nothing (undefined).");
                    assertThat(e.location()).contains("Arguments/Payload/x");
                });
    }

    @Test
    void valuesConvertBothWaysKeepingNullsAndIntegers() {
        var node = json("{'i':1,'d':1.5,'n':null,'s':'t','b':true,'a':[1,null]}");
        Object value = JsonataValues.toJsonata(node);
        assertThat(((Map<?, ?>) value).get("n")).isSameAs(Jsonata.NULL_VALUE);
        assertThat(JsonataValues.toJson(value)).contains(node);
        assertThat(JsonataValues.toJson(null)).isEmpty();
        assertThat(JsonataValues.number(3.0).toString()).isEqualTo("3");
        assertThat(JsonataValues.number(1e20).toString()).isEqualTo("100000000000000000000");
        assertThat(JsonataValues.number(0.1).toString()).isEqualTo("0.1");
    }

    @Test
    void undefinedMembersAndFunctionsAreDroppedAsJsonStringifyDoes() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("gone", null);
        map.put("fn", new Jsonata.JFunction((in, args) -> null, null));
        List<Object> list = new ArrayList<>();
        list.add(1);
        list.add(new Jsonata.JFunction((in, args) -> null, null));
        map.put("list", list);
        assertThat(JsonataValues.toJson(map)).contains(json("{'list':[1,null]}"));
        assertThat(JsonataValues.toJson(new Jsonata.JFunction((in, args) -> null, null))).isEmpty();
        assertThat(JsonataValues.typeName(Jsonata.NULL_VALUE)).isEqualTo("null");
        assertThat(JsonataValues.typeName(List.of())).isEqualTo("array");
    }
}
