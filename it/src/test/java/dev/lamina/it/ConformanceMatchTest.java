package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison rules of the Step Functions conformance README. */
class ConformanceMatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConformanceMatch match = new ConformanceMatch(JSON.createArrayNode().add("RequestId")
            .add("lambda_function_name").add("snf_role_arn"));

    static JsonNode json(String singleQuoted) throws Exception {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    @Test
    void objectsCompareAsValuesWhateverTheirKeyOrderAndNumberForm() throws Exception {
        assertThat(match.text(json("{'a':1,'b':[1,2]}"), "{\"b\":[1,2.0],\"a\":1}", "output")).isEmpty();
        assertThat(match.text(json("{'a':1}"), "{\"a\":2}", "output")).contains("output.a: expected 1 but was 2");
        assertThat(match.text(json("{'a':1}"), "{\"a\":1,\"b\":1}", "output")).contains("output.b: unexpected 1");
    }

    @Test
    void stringsStoredAsStringsCompareAsTextOrAsJson() throws Exception {
        assertThat(match.text(JSON.valueToTree("[1,2]"), "[1, 2]", "output")).isEmpty();
        assertThat(match.text(JSON.valueToTree("\"abc\""), "\"abc\"", "output")).isEmpty();
        assertThat(match.text(JSON.valueToTree("\"abc\""), "\"abd\"", "output")).isPresent();
    }

    @Test
    void objectsStoredParsedMatchTheirStringForm() throws Exception {
        assertThat(match.value(json("{'Payload':{'x':1}}"), json("{'Payload':'{\\'x\\':1}'}".replace("\\'", "\\\"")),
                "output")).isEmpty();
    }

    @Test
    void placeholdersAccountDatesAndWildcardWordsMatchAnything() throws Exception {
        assertThat(match.string("arn:<partition>:lambda:<region>:111111111111:function:lambda_function_name",
                "arn:aws:lambda:us-east-1:000000000000:function:sfnc-abc-123")).isTrue();
        assertThat(match.string("arn:<partition>:lambda:<region>:111111111111:function:x",
                "arn:aws:lambda:us-east-1:0000:function:x")).isFalse();
        assertThat(match.value(json("{'t':'timestamp','r':'RequestId'}"), json("{'t':1700000000.5,'r':'abc'}"), "e")).isEmpty();
        assertThat(match.string("prefix <uuid:1> suffix", "prefix 1234 suffix")).isTrue();
        assertThat(match.string("prefix <uuid:1> suffix", "prefix 1234 suffiX")).isFalse();
    }

    @Test
    void stackTracesAreNotCompared() throws Exception {
        assertThat(match.text(json("{'errorMessage':'m','stackTrace':['a']}"),
                "{\"errorMessage\":\"m\",\"stackTrace\":[\"b\",\"c\"]}", "cause")).isEmpty();
    }

    @Test
    void noneExpectedMeansNoneGiven() {
        assertThat(match.text(null, null, "cause")).isEmpty();
        assertThat(match.text(null, "x", "cause")).isPresent();
        assertThat(match.text(JSON.valueToTree("x"), null, "cause")).isPresent();
    }

    @Test
    void aWordReplacingAWholeHeaderValueMatchesItsList() throws Exception {
        assertThat(match.value(json("{'Date':'date'}"), json("{'Date':['Mon, 7 Dec 2026 23:15:38 GMT']}"), "h")).isEmpty();
        assertThat(match.value(json("{'Date':'date'}"), json("{'Date':{'a':1}}"), "h")).isPresent();
    }

    @Test
    void jsonDocumentsInsideStringsCompareAsValues() throws Exception {
        JsonNode expected = JSON.valueToTree(java.util.Map.of("Cause",
                "{\"errorMessage\":\"m\",\"requestId\":\"<uuid:1>\",\"stackTrace\":[\"a\"]}"));
        JsonNode actual = JSON.valueToTree(java.util.Map.of("Cause",
                "{\"errorMessage\": \"m\", \"stackTrace\": [\"b\"], \"requestId\": \"42\"}"));
        assertThat(match.value(expected, actual, "output")).isEmpty();
    }
}
