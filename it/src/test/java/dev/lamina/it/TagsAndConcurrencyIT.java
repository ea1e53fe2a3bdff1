package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tags and reserved concurrency, as GetFunction and GetAccountSettings report them. */
class TagsAndConcurrencyIT extends ServerPerClass {
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";



    @Test
    void tagsMergeAreRemovedByKeyAndShowInGetFunction() {
        Deploy.active(lambda, "tagged", b -> b.tags(Map.of("team", "a", "cost", "1")));
        lambda.tagResource(b -> b.resource(ARN + "tagged").tags(Map.of("team", "b", "env", "prod")));
        assertThat(lambda.listTags(b -> b.resource(ARN + "tagged")).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "b", "cost", "1", "env", "prod"));
        lambda.untagResource(b -> b.resource(ARN + "tagged").tagKeys("cost", "absent"));
        assertThat(lambda.getFunction(b -> b.functionName("tagged")).tags())
                .containsExactlyInAnyOrderEntriesOf(Map.of("team", "b", "env", "prod"));
    }

    @Test
    void tagsNeedAnUnqualifiedArnOfAnExistingFunction() {
        Deploy.active(lambda, "tag-target");
        assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(ARN + "tag-target:1").tags(Map.of("a", "b"))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.listTags(b -> b.resource(ARN + "nobody")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(ARN + "tag-target").tags(Map.of("aws:x", "y"))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThat(lambda.listTags(b -> b.resource(ARN + "tag-target")).tags()).isEmpty();
    }

    @Test
    void reservedConcurrencyIsStoredReportedAndBoundedByTheAccount() {
        Deploy.active(lambda, "reserved");
        Deploy.active(lambda, "greedy");
        int unreservedBefore = lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions();
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName("reserved")).reservedConcurrentExecutions())
                .isNull();

        assertThat(lambda.putFunctionConcurrency(b -> b.functionName("reserved").reservedConcurrentExecutions(200))
                .reservedConcurrentExecutions()).isEqualTo(200);
        assertThat(lambda.getFunction(b -> b.functionName("reserved")).concurrency().reservedConcurrentExecutions())
                .isEqualTo(200);
        assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions())
                .isEqualTo(unreservedBefore - 200);

        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("greedy")
                .reservedConcurrentExecutions(unreservedBefore - 200 - 99)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("decreases account's UnreservedConcurrentExecution below its minimum value of [100]");
        assertThat(lambda.putFunctionConcurrency(b -> b.functionName("greedy").reservedConcurrentExecutions(0))
                .reservedConcurrentExecutions()).as("0 disables a function").isZero();

        lambda.deleteFunctionConcurrency(b -> b.functionName("reserved"));
        lambda.deleteFunctionConcurrency(b -> b.functionName("greedy"));
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName("reserved")).reservedConcurrentExecutions()).isNull();
        assertThat(lambda.getFunction(b -> b.functionName("reserved")).concurrency()).isNull();
        assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions())
                .isEqualTo(unreservedBefore);
        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("nobody")
                .reservedConcurrentExecutions(1))).isInstanceOf(ResourceNotFoundException.class);
    }
}
