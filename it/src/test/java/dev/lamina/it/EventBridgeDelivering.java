package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the EventBridge delivery tests share: a recording function (it logs each event it receives
 * on a line of its own, read back through the CloudWatch Logs API), queue reads, and the
 * conformance kit's payload expectations with their placeholders.
 */
final class EventBridgeDelivering {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MARK = "EBEVENT ";
    static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    private static final String RECORDER = "exports.handler = async (event) => {\n"
            + "  process.stdout.write('" + MARK + "' + JSON.stringify(event) + '\\n');\n"
            + "  return {};\n"
            + "};\n";

    private EventBridgeDelivering() {
    }

    /** A Node.js function that logs every event it receives as {@code EBEVENT <json>}. */
    static String recorder(LambdaClient lambda, String name) {
        byte[] zip = Packages.zip(Map.of("index.js", new Packages.Entry(RECORDER.getBytes(StandardCharsets.UTF_8), 0644)));
        Functions.create(lambda, name, "nodejs20.x", "index.handler", zip, b -> { });
        return "arn:aws:lambda:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":function:" + name;
    }

    /** The events the recorder {@code function} logged so far. */
    static List<String> recorded(TestServer server, String function) {
        List<String> out = new ArrayList<>();
        for (String line : Logs.lines(server, function)) {
            int at = line.indexOf(MARK);
            if (at >= 0) {
                out.add(line.substring(at + MARK.length()).strip());
            }
        }
        return out;
    }

    static String queueArn(String name) {
        return "arn:aws:sqs:" + TestServer.REGION + ":" + TestServer.ACCOUNT + ":" + name;
    }

    /** Receives and deletes what arrives within {@code wait}, stopping early once {@code count} came. */
    static List<Message> drain(SqsClient sqs, String url, int count, Duration wait) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while ((count < 0 || out.size() < count) && System.nanoTime() < deadline) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages()) {
                out.add(m);
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return out;
    }

    /** The conformance kit's placeholders of one case. */
    record Placeholders(String ruleName, String busName, String ruleArn) {
        String fixed(String text) {
            return text.replace("<account>", TestServer.ACCOUNT).replace("<region>", TestServer.REGION)
                    .replace("<rule-arn>", ruleArn).replace("<rule-name>", ruleName).replace("<bus-name>", busName);
        }

        /** Whether a body meets an expectation, {@code {"json": value}} or {@code {"text": raw}}. */
        boolean meets(JsonNode expectation, String body) {
            if (expectation.has("text")) {
                return text(expectation.get("text").asText(), body);
            }
            try {
                return json(expectation.get("json"), JSON.readTree(body));
            } catch (IOException e) {
                return false;
            }
        }

        private boolean json(JsonNode expected, JsonNode actual) {
            if (actual == null) {
                return false;
            }
            if (expected.isTextual()) {
                return actual.isTextual() && text(expected.asText(), actual.asText());
            }
            if (expected.isObject()) {
                if (!actual.isObject() || actual.size() != expected.size()) {
                    return false;
                }
                for (var it = expected.fields(); it.hasNext(); ) {
                    var e = it.next();
                    if (!json(e.getValue(), actual.get(e.getKey()))) {
                        return false;
                    }
                }
                return true;
            }
            if (expected.isArray()) {
                if (!actual.isArray() || actual.size() != expected.size()) {
                    return false;
                }
                for (int i = 0; i < expected.size(); i++) {
                    if (!json(expected.get(i), actual.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (expected.isNumber() && actual.isNumber()) {
                return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
            }
            return expected.equals(actual);
        }

        private boolean text(String expected, String actual) {
            String fixed = fixed(expected);
            StringBuilder regex = new StringBuilder();
            var m = Pattern.compile("<uuid>|<time>").matcher(fixed);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(fixed.substring(last, m.start())));
                regex.append(m.group().equals("<uuid>") ? ".+?" : TIME);
                last = m.end();
            }
            regex.append(Pattern.quote(fixed.substring(last)));
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
        }
    }
}
