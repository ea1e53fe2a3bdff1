package dev.lamina.workflows.data;

import dev.lamina.workflows.data.IntrinsicParser.Call;
import dev.lamina.workflows.data.IntrinsicParser.Literal;
import dev.lamina.workflows.data.IntrinsicParser.PathRef;
import org.junit.jupiter.api.Test;

import static dev.lamina.workflows.data.JsonPathFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntrinsicParserTest {
    @Test
    void parsesNestedCallsLiteralsAndPaths() throws Exception {
        Call call = IntrinsicParser.parse("States.Format('{} and {}', States.ArrayGetItem($.a['x,y'][0], -1), 2.5, true, null, $$.Execution.Id, $var.b)");
        assertThat(call.name()).isEqualTo("Format");
        assertThat(call.args()).hasSize(7);
        assertThat(call.args().get(0)).isEqualTo(new Literal(json("`{} and {}`"), "{} and {}"));
        Call nested = (Call) call.args().get(1);
        assertThat(nested.name()).isEqualTo("ArrayGetItem");
        assertThat(nested.args()).containsExactly(new PathRef("$.a['x,y'][0]"), new Literal(json("-1"), "-1"));
        assertThat(call.args().subList(2, 7)).containsExactly(new Literal(json("2.5"), "2.5"),
                new Literal(json("true"), "true"), new Literal(json("null"), "null"),
                new PathRef("$$.Execution.Id"), new PathRef("$var.b"));
    }

    @Test
    void stringLiteralsKeepTheirEscapesRawAndUnescapeTheirValue() throws Exception {
        Call call = IntrinsicParser.parse("States.Format('it\\'s \\{\\} \\\\ {}', 'x')");
        Literal template = (Literal) call.args().get(0);
        assertThat(template.value().asText()).isEqualTo("it's {} \\ {}");
        assertThat(template.raw()).isEqualTo("it\\'s \\{\\} \\\\ {}");
    }

    @Test
    void emptyArgumentListsAndSpacesAreAccepted() throws Exception {
        assertThat(IntrinsicParser.parse("States.UUID()").args()).isEmpty();
        assertThat(IntrinsicParser.parse("  States.Array( 1 ,  $.a )  ").args()).hasSize(2);
    }

    @Test
    void rejectsMalformedCalls() {
        for (String bad : new String[]{"States.Format('x'", "States.Format('x)", "States.('x')", "States.Array(1) x",
                "States.Array(1,)", "States.Array(foo)", "Other.Array()"}) {
            assertThatThrownBy(() -> IntrinsicParser.parse(bad)).as(bad).isInstanceOf(IntrinsicParser.Invalid.class);
        }
    }

    @Test
    void allowsTenNestedFunctionsButNotEleven() throws Exception {
        String ten = "States.Array(".repeat(10) + ")".repeat(10);
        assertThat(IntrinsicParser.parse(ten).name()).isEqualTo("Array");
        String eleven = "States.Array(".repeat(11) + ")".repeat(11);
        assertThatThrownBy(() -> IntrinsicParser.parse(eleven)).isInstanceOf(IntrinsicParser.Invalid.class);
    }

    @Test
    void arbitraryTextEitherParsesOrIsInvalidNeverAnotherException() {
        String[] pieces = {"States.", "Format", "Array", "(", ")", ",", "'", "\\", "$", ".a", "[", "]", "{}", "1", "-",
                "2.5e3", " ", "true", "$$", "\"", "States.Array(", "'x'"};
        java.util.Random random = new java.util.Random(17);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "States.Array(" : "");
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            try {
                Call call = IntrinsicParser.parse(text.toString());
                assertThat(call.name()).isNotEmpty();
            } catch (IntrinsicParser.Invalid expected) {
                assertThat(expected.getMessage()).contains("is not a valid intrinsic function");
            }
        }
    }
}
