package dev.lamina.events;

import dev.lamina.model.AccountId;
import dev.lamina.model.FunctionArn;
import dev.lamina.model.FunctionRef;
import dev.lamina.model.Qualifier;
import dev.lamina.model.Region;
import dev.lamina.store.events.Task;

/** The ARNs the asynchronous side reads and writes, for this server's region and account. */
record Arns(Region region, AccountId account) {

    /** The ARN an invocation record names: qualified by what was invoked, or by $LATEST, as Lambda writes it. */
    String invoked(Task.Invoke event) {
        return FunctionArn.of(region, account, event.function())
                .withQualifier(event.qualifier().orElse(Qualifier.LATEST)).toString();
    }

    boolean isQueue(String arn) {
        return arn.contains(":sqs:");
    }

    /** An EventBridge event bus ({@code arn:aws:events:<region>:<account>:event-bus/<name>}). */
    boolean isBus(String arn) {
        return arn.contains(":events:") && arn.contains(":event-bus/");
    }

    /** A destination function's ARN, as the name and qualifier to invoke. */
    FunctionRef function(String arn) {
        return FunctionRef.parse(arn, region, account);
    }
}
