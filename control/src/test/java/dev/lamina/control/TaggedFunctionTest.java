package dev.lamina.control;

import dev.lamina.model.AccountId;
import dev.lamina.model.ErrorCode;
import dev.lamina.model.FunctionName;
import dev.lamina.model.LambdaException;
import dev.lamina.model.Region;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser of tag operations' Resource, which their authorization shares. */
class TaggedFunctionTest {
    static final Region REGION = new Region("us-east-1");
    static final AccountId ACCOUNT = new AccountId("000000000000");

    static ErrorCode refusal(String arn) {
        try {
            Tags.taggedFunction(arn, REGION, ACCOUNT);
        } catch (LambdaException e) {
            return e.code();
        }
        throw new AssertionError("accepted " + arn);
    }

    @Test
    void anUnqualifiedFunctionArnOfThisPartitionRegionAndAccountNamesItsFunction() {
        assertThat(Tags.taggedFunction("arn:aws:lambda:us-east-1:000000000000:function:app", REGION, ACCOUNT))
                .isEqualTo(new FunctionName("app"));
    }

    @Test
    void anotherPartitionRegionOrAccountNamesNoFunction() {
        assertThat(refusal("arn:aws-x:lambda:us-east-1:000000000000:function:app")).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(refusal("arn:aws:lambda:eu-west-1:000000000000:function:app")).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(refusal("arn:aws:lambda:us-east-1:111111111111:function:app")).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
    }

    @Test
    void qualifiedOrMalformedArnsAreInvalid() {
        assertThatThrownBy(() -> Tags.taggedFunction("arn:aws:lambda:us-east-1:000000000000:function:app:1", REGION,
                ACCOUNT)).isInstanceOf(LambdaException.class).hasMessageContaining("qualified");
        assertThatThrownBy(() -> Tags.taggedFunction("app", REGION, ACCOUNT)).isInstanceOf(LambdaException.class)
                .hasMessageContaining("Invalid ARN");
    }
}
