package dev.lamina.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KMSKeyArn is validated with the model's pattern, recorded, returned and cleared as on AWS, and
 * published versions keep the key they were published with. (Lamina seals with its own master key
 * whatever the ARN says; docs/COMPATIBILITY.md.)
 */
class KmsKeyArnIT extends ServerPerClass {
    private static final String KEY = "arn:aws:kms:us-east-1:000000000000:key/0b0c5d0e-aaaa-4bbb-8ccc-123456789012";
    private static final String OTHER = "arn:aws:kms:us-east-1:000000000000:alias/other";

    @Test
    void theKeyIsRecordedReturnedByEveryReadAndUpdateAndClearedWithAnEmptyString() {
        String created = Deploy.active(lambda, "kms", b -> b.kmsKeyArn(KEY)).kmsKeyArn();
        assertThat(created).isEqualTo(KEY);
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("kms")).kmsKeyArn()).isEqualTo(KEY);
        assertThat(lambda.getFunction(b -> b.functionName("kms")).configuration().kmsKeyArn()).isEqualTo(KEY);
        String version = lambda.publishVersion(b -> b.functionName("kms")).version();

        assertThat(lambda.updateFunctionConfiguration(b -> b.functionName("kms").kmsKeyArn(OTHER)).kmsKeyArn())
                .isEqualTo(OTHER);
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("kms"));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("kms")).kmsKeyArn()).isEqualTo(OTHER);
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("kms").qualifier(version)).kmsKeyArn())
                .as("a published version keeps its key").isEqualTo(KEY);

        assertThat(lambda.updateFunctionConfiguration(b -> b.functionName("kms").kmsKeyArn("")).kmsKeyArn()).isNull();
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("kms"));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("kms")).kmsKeyArn())
                .as("an empty string returns to the default key, which AWS does not name").isNull();
    }

    @Test
    void aKeyOutsideTheModelsPatternIsAValidationErrorAndChangesNothing() {
        assertThatThrownBy(() -> Deploy.active(lambda, "kms-bad", b -> b.kmsKeyArn("not-an-arn")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value "
                            + "'not-an-arn' at 'kMSKeyArn' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
                });
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("kms-bad")))
                .isInstanceOf(ResourceNotFoundException.class);

        Deploy.active(lambda, "kms-kept", b -> b.kmsKeyArn(KEY));
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(b -> b.functionName("kms-kept")
                .kmsKeyArn("arn:")))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("kms-kept")).kmsKeyArn()).isEqualTo(KEY);
    }
}
