package dev.lamina.sqs;

import java.util.Map;

/** SQS's limits on queue tags: at most 50, keys 1–128 characters, values at most 256. */
final class Tags {
    private Tags() {
    }

    static void check(Map<String, String> tags) {
        checkCount(tags.size());
        tags.forEach((k, v) -> {
            if (k == null || k.isEmpty() || k.length() > 128) {
                throw SqsErrors.invalidParameterValue("Tag keys must be between 1 and 128 characters in length.");
            }
            if (v == null || v.length() > 256) {
                throw SqsErrors.invalidParameterValue("Tag values must be between 0 and 256 characters in length.");
            }
        });
    }

    static void checkCount(int count) {
        if (count > 50) {
            throw SqsErrors.invalidParameterValue("Too many tags added for queue. Maximum number of tags is 50.");
        }
    }
}
