package dev.lamina.logs.filter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example of AWS's "Filter pattern syntax for metric filters, subscription filters, filter log
 * events, and Live Tail" (the current page and the earlier "Filter and Pattern Syntax" it replaced),
 * with the events AWS shows and whether AWS says they match. Where the two versions disagree, the
 * current one wins; the rows say so.
 */
class DocumentedExamplesTest {
    private static final String TRAIL = "{\"eventType\":\"UpdateTrail\",\"sourceIPAddress\":\"111.111.111.111\","
            + "\"arrayKey\":[\"value\",\"another value\"],\"objectList\":[{\"name\":\"a\",\"id\":1},{\"name\":\"b\",\"id\":2}],"
            + "\"SomeObject\":null,\"cluster.name\":\"c\",\"ThisFlag\":true}";
    private static final String USERS = "{\"user\":{\"id\":1,\"email\":\"John.Stiles@example.com\"},"
            + "\"users\":[{\"id\":2,\"email\":\"John.Doe@example.com\"},{\"id\":3,\"email\":\"Jane.Doe@example.com\"}],"
            + "\"actions\":[\"GET\",\"PUT\",\"DELETE\"],\"coordinates\":[[0,1,2],[4,5,6],[7,8,9]]}";
    private static final String ACCESS = "127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";
    private static final String APACHE_200 = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534";
    private static final String APACHE_500 = "127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] \"GET /apache_pb.gif HTTP/1.0\" 500 5324";
    private static final String GET = "INFO 09/25/2014 12:00:00 GET /service/resource/67 1200";
    private static final String POST = "INFO 09/25/2014 12:00:01 POST /service/resource/67/part/111 1310";
    private static final String WARNING = "WARNING 09/25/2014 12:00:02 Invalid user request";
    private static final String ERROR = "ERROR 09/25/2014 12:00:02 Failed to process request";

    @ParameterizedTest(name = "{0}  on  {1}  -> {2}")
    @MethodSource("examples")
    void matchesAsAwsDocuments(String pattern, String message, boolean expected) {
        assertThat(FilterPattern.parse(pattern).matches(message)).isEqualTo(expected);
    }

    static Stream<Arguments> examples() {
        return Stream.of(regexes(), unstructured(), json(), compound(), delimited()).flatMap(s -> s);
    }

    private static Stream<Arguments> regexes() {
        return Stream.of(
                row("%AUTHORIZED%", "[ERROR 401] UNAUTHORIZED REQUEST", true),
                row("%AUTHORIZED%", "[SUCCESS 200] AUTHORIZED REQUEST", true),
                row("%^[hc]at%", "hat", true), row("%^[hc]at%", "cat in the hat", true), row("%^[hc]at%", "the cat", false),
                row("%[hc]at$%", "the hat", true), row("%[hc]at$%", "cat", true), row("%[hc]at$%", "cats", false),
                row("%colou?r%", "color", true), row("%colou?r%", "colour", true), row("%colou?r%", "colr", false),
                row("%[abc]%", "a", true), row("%[abc]%", "b", true), row("%[abc]%", "c", true), row("%[abc]%", "xyz", false),
                row("%[a-z]%", "Q1q", true), row("%[a-z]%", "ABC 123", false),
                row("%[abcx-z]%", "y", true), row("%[abcx-z]%", "d", false),
                row("%a{3,5}%", "aaa", true), row("%a{3,5}%", "aaaa", true), row("%a{3,5}%", "aaaaa", true),
                row("%a{3,5}%", "aa", false),
                row("%gra|ey%", "gray", true), row("%gra|ey%", "grey", true), row("%gra|ey%", "green", false),
                row("%^starting|^initializing|^shutting down%", "starting the engine", true),
                row("%^starting|^initializing|^shutting down%", "initializing the pool", true),
                row("%^starting|^initializing|^shutting down%", "shutting down", true),
                row("%^starting|^initializing|^shutting down%", "skipping initializing the pool", false),
                // AWS writes "%abcc|ab[^c]$" (no closing %) and says it matches "aba ...": with $ that
                // can only be an event that ends in "aba".
                row("%abcc|ab[^c]$%", "abcc and more", true), row("%abcc|ab[^c]$%", "aba", true),
                row("%abcc|ab[^c]$%", "aac and more", false),
                row("%\\[.\\]%", "[a]", true), row("%\\[.\\]%", "[7]", true), row("%\\[.\\]%", "[@]", true),
                row("%\\[.\\]%", "[]]", true), row("%\\[.\\]%", "[ ]", true), row("%\\[.\\]%", "[ab]", false),
                row("%10\\.10\\.0\\.1%", "10.10.0.1", true), row("%10\\.10\\.0\\.1%", "10010,051", false),
                row("%10.10.0.1%", "10010,051", true),
                row("%ab*c%", "ac", true), row("%ab*c%", "abc", true), row("%ab*c%", "abbbc", true),
                row("%ab[0-9]*%", "ab", true), row("%ab[0-9]*%", "ab0", true), row("%ab[0-9]*%", "ab129", true),
                row("%ab+c%", "abc", true), row("%ab+c%", "abbc", true), row("%ab+c%", "abbbc", true), row("%ab+c%", "ac", false),
                row("%.at%", "hat", true), row("%.at%", "4at", true), row("%.at%", "#at", true), row("%.at%", " at", true),
                row("%.at%", "at", false),
                row("%\\d%", "a1", true), row("%\\d%", "ab", false), row("%[0-9]%", "a1", true),
                row("%\\D%", "12", false), row("%\\D%", "1a", true), row("%[^0-9]%", "1a", true),
                row("%\\s%", "a b", true), row("%\\s%", "a\tb", true), row("%\\s%", "a\nb", true), row("%\\s%", "ab", false),
                row("%\\S%", " \t ", false),
                row("%\\w%", "_", true), row("%\\w%", "!?", false), row("%[a-zA-Z_0-9]%", "_", true),
                row("%\\W%", "abc", false), row("%\\W%", "a!", true),
                row("%\\x3A%", "key: value", true), row("%\\x28%", "f(x)", true), row("%\\x28%", "fx", false));
    }

    private static Stream<Arguments> unstructured() {
        String e400 = "[ERROR 400] BAD REQUEST";
        String e401 = "[ERROR 401] UNAUTHORIZED REQUEST";
        String e419 = "[ERROR 419] MISSING ARGUMENTS";
        String e420 = "[ERROR 420] INVALID ARGUMENTS";
        return Stream.of(
                row("ERROR", e400, true), row("ERROR", e401, true), row("ERROR", e419, true), row("ERROR", e420, true),
                row("ERROR ARGUMENTS", e419, true), row("ERROR ARGUMENTS", e420, true),
                row("ERROR ARGUMENTS", e400, false), row("ERROR ARGUMENTS", e401, false),
                row("?ERROR ?ARGUMENTS", e400, true), row("?ERROR ?ARGUMENTS", e401, true),
                row("?ERROR ?ARGUMENTS", e419, true), row("?ERROR ?ARGUMENTS", e420, true),
                row("?ERROR ?ARGUMENTS", "[INFO] INVALID ARGUMENTS PROVIDED", true),
                row("?ERROR ?ARGUMENTS REQUEST", "[INFO] REQUEST FAILED", true),
                row("?ERROR ?ARGUMENTS REQUEST", "[WARN] UNAUTHORIZED REQUEST", true),
                row("?ERROR ?ARGUMENTS REQUEST", "[ERROR] 400 BAD REQUEST", true),
                row("?ERROR ?ARGUMENTS REQUEST", e419, false),
                row("\"INTERNAL SERVER ERROR\"", "[ERROR 500] INTERNAL SERVER ERROR", true),
                row("\"INTERNAL SERVER ERROR\"", "[ERROR 500] INTERNAL ERROR OF THE SERVER", false),
                row("ERROR -ARGUMENTS", e400, true), row("ERROR -ARGUMENTS", e401, true),
                row("ERROR -ARGUMENTS", e419, false), row("ERROR -ARGUMENTS", e420, false),
                row("\" \"", e400, true), row("\" \"", "nospace", true),
                // The earlier page's examples.
                row("ERROR", "[ERROR] A fatal exception has occurred", true),
                row("ERROR", "Exiting with ERRORCODE: -1", true),
                row("\"ERROR\" - \"Exiting\"", "[ERROR] A fatal exception has occurred", true),
                row("\"ERROR\" - \"Exiting\"", "Exiting with ERRORCODE: -1", false),
                row("ERROR Exception", "[ERROR] Caught IllegalArgumentException", true),
                row("ERROR Exception", "[ERROR] Unhandled Exception", true),
                row("Failed to process the request", "[WARN] Failed to process the request", true),
                row("Failed to process the request", "[ERROR] Unable to continue: Failed to process the request", true),
                row("ERROR", "ERROR WARN message", true), row("ERROR", "ERROR message", true),
                row("ERROR", "WARN message", false),
                row("?ERROR ?WARN", "ERROR WARN message", true), row("?ERROR ?WARN", "ERROR message", true),
                row("?ERROR ?WARN", "WARN message", true), row("?ERROR ?WARN", "INFO message", false),
                row("ERROR WARN", "ERROR WARN message", true), row("ERROR WARN", "ERROR message", false),
                row("ERROR WARN", "WARN message", false),
                row("ERROR -WARN", "ERROR WARN message", false), row("ERROR -WARN", "ERROR message", true),
                row("ERROR -WARN", "WARN message", false));
    }

    private static Stream<Arguments> json() {
        return Stream.of(
                row("{ $.eventType = \"UpdateTrail\" }", TRAIL, true),
                row("{ $.sourceIPAddress != 123.123.* }", TRAIL, true),
                row("{ $.arrayKey[0] = \"value\" }", TRAIL, true),
                row("{ $.eventType = %Trail% }", TRAIL, true),
                row("{ $.arrayKey[*] = %val.{2}% }", TRAIL, true),
                row("{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }", TRAIL, true),
                row("{ $.['cluster.name'] = \"c\" }", TRAIL, true),
                row("{ $.SomeObject IS NULL }", TRAIL, true),
                row("{ $.SomeOtherObject NOT EXISTS }", TRAIL, true),
                row("{ $.objectList[1].id = 2 }", TRAIL, true),
                row("{ $.ThisFlag IS TRUE }", TRAIL, true),
                row("{ $.bandwidth > 75 }", "{\"bandwidth\":80}", true),
                row("{ $.latency < 50 }", "{\"latency\":49}", true),
                row("{ $.refreshRate >= 60 }", "{\"refreshRate\":60}", true),
                row("{ $.responseTime <= 5 }", "{\"responseTime\":5}", true),
                row("{ $.errorCode = 400}", "{\"errorCode\":400}", true),
                row("{ $.errorCode != 500 }", "{\"errorCode\":400}", true),
                row("{ $.number[0] = 1e+3 }", "{\"number\":[1000]}", true),
                row("{ $.number[0] != 1e-3 }", "{\"number\":[1000]}", true),
                row("{ $.latency >= 500 }", "{\"latency\":500}", true),
                row("{ $.numbers[0] < 10e3 }", "{\"numbers\":[9999]}", true),
                row("{ $.numbers[0] < 10e-3 }", "{\"numbers\":[0.001]}", true),
                row("{ $.processes[4].averageRuntime <= 55.5 }",
                        "{\"processes\":[{},{},{},{},{\"averageRuntime\":55.5}]}", true),
                row("{ $.latency > +1000 }", "{\"latency\":1001}", true),
                row("{ $.latency = * }", "{\"latency\":12}", true),
                row("{$.foo = bar}", "{\"foo\": \"bar\"}", true), row("{$.foo = bar}", "{\"foo\": \"baz\"}", false),
                row("{$.foo = baz }", "{\"foo\": \"baz\"}", true),
                row("{$.foo = bar || $.foo = baz }", "{\"foo\": \"bar\"}", true),
                row("{$.foo = bar || $.foo = baz }", "{\"foo\": \"baz\"}", true),
                // "both {$.users = 1} and {$.users != 1} will fail to match a log event where users is an array"
                row("{$.users = 1}", "{\"users\": [1, 2, 3]}", false),
                row("{$.users != 1}", "{\"users\": [1, 2, 3]}", false));
    }

    private static Stream<Arguments> compound() {
        return Stream.of(
                row("{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }", USERS, true),
                row("{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = \"nonmatch\" && $.actions[2] = \"nonmatch\" }",
                        USERS, true),
                row("{ ($.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = \"nonmatch\") && $.actions[2] = \"nonmatch\" }",
                        USERS, false),
                row("{ ($.user.id = 2 && $.users[0].email = \"nonmatch\") || $.actions[2] = \"GET\" }", USERS, false),
                row("{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }",
                        USERS, true),
                row("{ ($.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }",
                        USERS, false));
    }

    private static Stream<Arguments> delimited() {
        return Stream.of(
                row("[ip=%127\\.0\\.0\\.[1-9]%, user, username, timestamp, request =*.html*, status_code = 4*, bytes]", ACCESS, true),
                row("[..., request =*.html*, status_code = 4*, bytes]", ACCESS, true),
                row("[ip, user, username, timestamp, request =*.html*, status_code = 404 || status_code = 410, bytes]", ACCESS, true),
                row("[ip, user, timestamp, request, status_code = 4*, bytes]", ACCESS.replace("Prod ", ""), true),
                row("[w1=ERROR, w2]", ERROR, true), row("[w1=ERROR, w2]", WARNING, false), row("[w1=ERROR, w2]", GET, false),
                row("[w1=ERROR || w1=WARNING, w2]", ERROR, true), row("[w1=ERROR || w1=WARNING, w2]", WARNING, true),
                row("[w1=ERROR || w1=WARNING, w2]", GET, false),
                row("[w1!=ERROR && w1!=WARNING, w2]", GET, true), row("[w1!=ERROR && w1!=WARNING, w2]", POST, true),
                row("[w1!=ERROR && w1!=WARNING, w2]", ERROR, false), row("[w1!=ERROR && w1!=WARNING, w2]", WARNING, false),
                row("[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]", GET, true),
                row("[logLevel, date, time, method, url=%/service/resource/[0-9]+$%, response_time]", POST, false),
                row("[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]", POST, true),
                row("[logLevel, date, time, method, url=%/service/resource/[0-9]+/part/[0-9]+$%, response_time]", GET, false),
                // The earlier page's examples, on its Apache log lines.
                row("[ip, user, username, timestamp, request, status_code, bytes]", APACHE_200, true),
                row("[..., status_code, bytes]", APACHE_500, true),
                row("[ip, user, ..., status_code, bytes]", APACHE_500, true),
                row("[ip, user, ...]", APACHE_500, true),
                row("[ip, user, username, timestamp, request, status_code, bytes > 1000]", APACHE_500, true),
                row("[ip, user, username, timestamp, request, status_code, bytes > 1000]", APACHE_200.replace("1534", "999"), false),
                row("[ip, user, username, timestamp, request, status_code = 200, bytes]", APACHE_200, true),
                row("[ip, user, username, timestamp, request, status_code = 200, bytes]", APACHE_500, false),
                row("[ip, user, username, timestamp, request, status_code = 4*, bytes]", APACHE_200.replace("200", "404"), true),
                row("[ip, user, username, timestamp, request, status_code = 4*, bytes]", APACHE_200, false),
                row("[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]", ACCESS, true),
                row("[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]", ACCESS, true),
                row("[ip, user, username, timestamp, request, status_code = 4* && status_code != 403, bytes]",
                        ACCESS.replace("404", "403"), false),
                row("[..., request=*.html*, status_code=4*,]", ACCESS, true),
                // The earlier page said [w1=ERROR, w2] does not match "ERROR WARN message"; the current page
                // says it matches every event whose first word is ERROR, and Lamina follows it.
                row("[w1=ERROR, w2]", "ERROR WARN message", true), row("[w1=ERROR, w2]", "ERROR message", true),
                row("[w1=ERROR || w1=WARN, w2]", "WARN message", true), row("[w1=ERROR || w1=WARN, w2]", "INFO message", false));
    }

    private static Arguments row(String pattern, String message, boolean expected) {
        return Arguments.of(pattern, message, expected);
    }
}
