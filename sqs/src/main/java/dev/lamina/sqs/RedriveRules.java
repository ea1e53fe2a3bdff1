package dev.lamina.sqs;

import java.util.Map;

/** The rules a RedrivePolicy must meet that involve another queue. */
final class RedriveRules {
    private RedriveRules() {
    }

    /** A RedrivePolicy must name an existing queue of the same kind whose RedriveAllowPolicy allows this source. */
    static void check(Engine engine, String sourceArn, boolean fifo, Map<String, String> given) {
        String policy = given.get("RedrivePolicy");
        if (policy == null || policy.isEmpty()) {
            return;
        }
        Redrive r = Redrive.parse(policy);
        Queue dlq = engine.byArn(r.targetArn()).orElseThrow(() ->
                SqsErrors.invalidValue("RedrivePolicy", policy, "Dead letter target does not exist."));
        if (dlq.fifo != fifo) {
            throw SqsErrors.invalidValue("RedrivePolicy", policy, "Dead-letter queue must be same type of queue as the source.");
        }
        if (!dlq.config.redriveAllow().allows(sourceArn)) {
            throw SqsErrors.invalidValue("RedrivePolicy", policy, "Dead-letter queue redrive permission does not allow this queue as a source.");
        }
    }
}
