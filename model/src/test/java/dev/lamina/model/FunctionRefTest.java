package dev.lamina.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionRefTest {
    static final Region REGION = new Region("us-east-1");
    static final AccountId ACCOUNT = new AccountId("123456789012");

    static FunctionRef parse(String text) {
        return FunctionRef.parse(text, REGION, ACCOUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my-function", "123456789012:function:my-function",
            "arn:aws:lambda:us-east-1:123456789012:function:my-function"})
    void everySpellingOfAFunctionNamesTheSameFunction(String text) {
        assertThat(parse(text)).isEqualTo(FunctionRef.of(new FunctionName("my-function")));
    }

    @Test
    void aQualifierAfterTheNameIsAVersionAnAliasOrLatest() {
        assertThat(parse("f:7").qualifier()).contains(new Qualifier.Version(7));
        assertThat(parse("f:live").qualifier()).contains(new Qualifier.Alias("live"));
        assertThat(parse("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST").qualifier())
                .contains(Qualifier.LATEST);
    }

    @Test
    void anArnOfAnotherAccountIsRefusedAsAccessDenied() {
        assertThatThrownBy(() -> parse("arn:aws:lambda:us-east-1:999999999999:function:f"))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    @Test
    void anArnOfAnotherRegionIsNotReachableHere() {
        assertThatThrownBy(() -> parse("arn:aws:lambda:eu-west-1:123456789012:function:f"))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e.getMessage())
                            .isEqualTo("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "a/b", "f:0", "f:", ":f",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void namesOutsideTheModelPatternAreValidationErrors(String text) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.getMessage()).startsWith("1 validation error detected: Value '" + text
                            + "' at 'functionName' failed to satisfy constraint");
                });
    }

    @Test
    void aQualifierInTheNameMustAgreeWithTheQualifierParameter() {
        FunctionRef ref = parse("f:1");
        assertThat(ref.qualifierWith(Optional.of(new Qualifier.Version(1)))).contains(new Qualifier.Version(1));
        assertThat(parse("f").qualifierWith(Optional.of(Qualifier.LATEST))).contains(Qualifier.LATEST);
        assertThatThrownBy(() -> ref.qualifierWith(Optional.of(new Qualifier.Version(2))))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }
}
