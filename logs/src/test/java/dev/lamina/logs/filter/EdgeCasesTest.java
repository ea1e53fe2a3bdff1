package dev.lamina.logs.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour beyond AWS's examples: the choices Lamina made where the documentation is silent or terse. */
class EdgeCasesTest {
    private static final String LAMBDA_LINE = "2024-05-01T10:00:00.000Z\tc0ffee00-1234-5678-9abc-def012345678\tINFO\tHello from the handler\n";

    @ParameterizedTest(name = "{0}  on  {1}  -> {2}")
    @MethodSource("cases")
    void matches(String pattern, String message, boolean expected) {
        assertThat(FilterPattern.parse(pattern).matches(message)).isEqualTo(expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Terms.
                row("error", "ERROR: disk full", false),
                row("\"Connection refused\"", "dial tcp 10.0.0.1:5432: Connection refused", true),
                row("\"Connection refused\"", "Connection was refused", false),
                row("ERROR -Exiting", "ERROR: retrying", true), row("ERROR -Exiting", "ERROR: Exiting now", false),
                row("-DEBUG", "INFO started", true), row("-DEBUG", "DEBUG details", false),
                row("\"say \\\"hi\\\"\"", "they say \"hi\" twice", true),
                row("\"a\\\\b\"", "path a\\b here", true),
                row("req_id 42", "req_id=42 done", true),
                row("\" \" -DEBUG", "DEBUG details", false),
                row("?ERROR ?WARN", "", false),
                // Regex: $ before Lambda's final line feed; . does not cross a line break.
                row("%done$%", "all done\n", true), row("%done$%", "done\nmore", false),
                row("%a.b%", "a\nb", false), row("%\\W%", "caf\u00e9", true), row("%[^a-z]%", "\u00e9", true),
                row("%a{2}%", "a-a", false), row("%a{2,}%", "xaaaa", true), row("%^x{,2}y%", "xxy", true),
                row("%^x{,2}y%", "xxxy", false),
                // JSON: only a message that is one JSON object matches.
                row("{ $.level = \"ERROR\" }", "{\"level\":\"ERROR\"}\n", true),
                row("{ $.level = \"ERROR\" }", "{\"level\":\"ERROR\"} trailing", false),
                row("{ $.level = \"ERROR\" }", "2024-05-01\tid\tERROR\t{\"level\":\"ERROR\"}", false),
                row("{ $.level = \"ERROR\" }", "[{\"level\":\"ERROR\"}]", false),
                row("{ $.x NOT EXISTS }", "plain text", false), row("{ $.x NOT EXISTS }", "{}", true),
                row("{ $.x NOT EXISTS }", "{\"x\":null}", false),
                row("{ $.Level = \"ERROR\" }", "{\"level\":\"ERROR\"}", false),
                row("{ $.msg = \"*timeout*\" }", "{\"msg\":\"read timeout after 3s\"}", true),
                row("{ $.name = Ev*ent }", "{\"name\":\"Ev*ent\"}", true),
                row("{ $.name = Ev*ent }", "{\"name\":\"Evxent\"}", false),
                row("{ $.name = *Event }", "{\"name\":\"PutEvent\"}", true),
                row("{ $.name = Event* }", "{\"name\":\"EventId\"}", true),
                row("{ $.code = 400 }", "{\"code\":\"400\"}", true), row("{ $.code = \"400\" }", "{\"code\":400}", true),
                row("{ $.code = 400 }", "{\"code\":4e2}", true), row("{ $.code = 4* }", "{\"code\":404}", true),
                row("{ $.code > 399 }", "{\"code\":\"not a number\"}", false),
                row("{ $.a != 1 }", "{}", false), row("{ $.a = 1 }", "{\"a\":null}", false),
                row("{ $.a IS NULL }", "{}", false), row("{ $.flag IS FALSE }", "{\"flag\":false}", true),
                row("{ $.flag IS TRUE }", "{\"flag\":\"true\"}", false),
                row("{ $.flag = true }", "{\"flag\":true}", false),
                row("{ $.a = 1 }", "{\"a\":{\"b\":1}}", false),
                row("{ $.['a b'] = 1 }", "{\"a b\":1}", true), row("{ $.a-b_c = 1 }", "{\"a-b_c\":1}", true),
                row("{ $.a.b.c[1] = 2 }", "{\"a\":{\"b\":{\"c\":[1,2]}}}", true),
                row("{ $.a[5] = 1 }", "{\"a\":[1]}", false),
                row("{ $.msg = \"say \\\"hi\\\"\" }", "{\"msg\":\"say \\\"hi\\\"\"}", true),
                row("{ $.a = 1 || $.b = 1 && $.c = 1 }", "{\"a\":1,\"b\":0,\"c\":0}", true),
                row("{ ($.a = 1 || $.b = 1) && $.c = 1 }", "{\"a\":1,\"b\":0,\"c\":0}", false),
                row("{ $.tags[*] = prod }", "{\"tags\":[\"dev\",\"prod\"]}", true),
                row("{ $.tags[*] != prod }", "{\"tags\":[\"prod\"]}", false),
                row("{ $.* = 7 }", "{\"x\":1,\"y\":7}", true),
                row("{ $.level = \"ERROR\" }", "{\"level\":\"ERROR\",", false),
                // Space-delimited: Lambda's tab-separated lines; the last field takes the rest.
                row("[timestamp=*Z, request_id=\"*-*\", event]", LAMBDA_LINE, true),
                row("[timestamp, request_id, level = INFO, message = \"Hello from*\"]", LAMBDA_LINE, true),
                row("[timestamp, request_id, level = ERROR, message]", LAMBDA_LINE, false),
                row("[w1=ERROR]", "ERROR", true), row("[w1=ERROR]", "ERROR and more", false),
                row("[a, b, c]", "only two", false),
                row("[..., status_code = 404, ...]", "GET /x 404 12ms", true),
                row("[..., status_code = 404, ...]", "GET /x 200 12ms", false),
                row("[a, ..., b = end]", "start end", true), row("[a, ..., b = end]", "end", false),
                row("[..., ...]", "", true), row("[a]", "", false),
                row("[ip, request = \"GET *\"]", "1.2.3.4 \"GET /unclosed", true),
                row("[ip, bytes > 1000]", "1.2.3.4 1.5e3", true), row("[ip, bytes > 1000]", "1.2.3.4 lots", false),
                row("[ip, (bytes = 1 || bytes = 2) && bytes != 3]", "1.2.3.4 2", true),
                row("[ip,   , bytes]", "a b c", true));
    }

    @Test
    void aBlankPatternMatchesEverything() {
        assertThat(FilterPattern.parse(null).matches("anything")).isTrue();
        assertThat(FilterPattern.parse("   ").matches("")).isTrue();
    }

    private static Arguments row(String pattern, String message, boolean expected) {
        return Arguments.of(pattern, message, expected);
    }
}
