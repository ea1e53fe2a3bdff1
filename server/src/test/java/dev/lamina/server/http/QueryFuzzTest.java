package dev.lamina.server.http;

import dev.lamina.model.ServiceException;
import dev.lamina.server.sqs.SqsEndpoints;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random forms made of SQS's own parameter names, indices and values of every type: decoding
 * answers an input or InvalidParameterValue / MalformedQueryString, never anything else, and what
 * it answers is written back as XML without failing.
 */
class QueryFuzzTest {
    private static final ServiceModel SQS = SqsEndpoints.model();
    private static final List<String> NAMES = List.of("QueueUrl", "QueueName", "MessageBody", "DelaySeconds",
            "MessageAttribute", "Attribute", "Tag", "TagKey", "AttributeName", "MessageAttributeName", "Name", "Value",
            "Key", "StringValue", "BinaryValue", "DataType", "StringListValue", "SendMessageBatchRequestEntry",
            "DeleteMessageBatchRequestEntry", "ChangeMessageVisibilityBatchRequestEntry", "Id", "ReceiptHandle",
            "VisibilityTimeout", "MaxNumberOfMessages", "WaitTimeSeconds", "Entries", "member", "entry", "tags", "Tags");
    private static final List<String> VALUES = List.of("", "1", "-1", "99999999999999999999", "true", "x", "%zz",
            "%E2%82%AC", "a+b", "AAEC", "1.5", "&", "=");

    @Test
    void randomFormsDecodeToAnInputOrTheProtocolsError() {
        Random random = new Random(14);
        List<String> operations = List.copyOf(SQS.operations());
        int decoded = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder form = new StringBuilder();
            int params = random.nextInt(12);
            for (int p = 0; p < params; p++) {
                int depth = 1 + random.nextInt(5);
                for (int d = 0; d < depth; d++) {
                    if (d > 0) {
                        form.append('.');
                    }
                    form.append(random.nextInt(3) == 0 ? Integer.toString(1 + random.nextInt(3))
                            : NAMES.get(random.nextInt(NAMES.size())));
                }
                form.append('=').append(VALUES.get(random.nextInt(VALUES.size()))).append('&');
            }
            String operation = operations.get(random.nextInt(operations.size()));
            try {
                NavigableMap<String, String> map = new TreeMap<>();
                FormParams.parse(form.toString(), map);
                var input = QueryDecoder.decode(SQS, operation, map);
                assertThat(input).isNotNull();
                XmlEncoder.response(SQS, operation, input, "r"); // the input's shape is no output's, but must not fail
                decoded++;
            } catch (ServiceException e) {
                assertThat(e.code()).isIn("InvalidParameterValue", "MalformedQueryString");
            }
        }
        assertThat(decoded).isGreaterThan(1_000); // the forms are not all refused
    }
}
