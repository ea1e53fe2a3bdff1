package dev.lamina.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Aliases and their weighted routing through the AWS SDK for Java v2. */
class AliasIT extends ServerPerClass {
    static final String FN = "aliased";
    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:aliased";

    @BeforeAll
    static void deployFixtures() {
        Deploy.active(lambda, FN);
        for (int v = 1; v <= 3; v++) {
            int memory = 128 * (v + 1);
            lambda.updateFunctionConfiguration(b -> b.functionName(FN).memorySize(memory));
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(FN));
            assertThat(lambda.publishVersion(b -> b.functionName(FN)).version()).isEqualTo(Integer.toString(v));
        }
    }


    static void refused(Runnable call, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }

    @Test
    void anAliasLivesFromCreationToDeletion() {
        var created = lambda.createAlias(b -> b.functionName(FN).name("live").functionVersion("1")
                .description("production"));
        assertThat(created.aliasArn()).isEqualTo(ARN + ":live");
        assertThat(created.functionVersion()).isEqualTo("1");
        assertThat(created.description()).isEqualTo("production");
        assertThat(created.routingConfig()).isNull();

        var got = lambda.getAlias(b -> b.functionName(FN).name("live"));
        assertThat(got.revisionId()).isEqualTo(created.revisionId());

        refused(() -> lambda.updateAlias(b -> b.functionName(FN).name("live").functionVersion("2")
                .revisionId("wrong")), "PreconditionFailedException", "Revision Id");
        var updated = lambda.updateAlias(b -> b.functionName(FN).name("live").functionVersion("2")
                .revisionId(created.revisionId()));
        assertThat(updated.functionVersion()).isEqualTo("2");
        assertThat(updated.description()).as("unchanged members stay").isEqualTo("production");
        assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());

        var viaAlias = lambda.getFunction(b -> b.functionName(FN).qualifier("live")).configuration();
        assertThat(viaAlias.functionArn()).isEqualTo(ARN + ":live");
        assertThat(viaAlias.version()).isEqualTo("2");
        assertThat(viaAlias.memorySize()).isEqualTo(384);

        lambda.deleteAlias(b -> b.functionName(FN).name("live"));
        assertThatThrownBy(() -> lambda.getAlias(b -> b.functionName(FN).name("live")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot find alias arn: " + ARN + ":live"));
        assertThatThrownBy(() -> lambda.deleteAlias(b -> b.functionName(FN).name("live")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void routingSplitsBetweenTwoDistinctPublishedVersionsOnly() {
        var split = lambda.createAlias(b -> b.functionName(FN).name("canary").functionVersion("2")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("3", 0.1))));
        assertThat(split.routingConfig().additionalVersionWeights()).containsExactly(Map.entry("3", 0.1));

        refused(() -> lambda.createAlias(b -> b.functionName(FN).name("two-extra").functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1, "3", 0.1)))),
                "InvalidParameterValueException", "Number of items in AdditionalVersionWeights cannot be greater than 1");
        refused(() -> lambda.createAlias(b -> b.functionName(FN).name("self").functionVersion("2")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.5)))),
                "InvalidParameterValueException", "Function version 2 is already included in routing configuration.");
        refused(() -> lambda.createAlias(b -> b.functionName(FN).name("latest-split").functionVersion("$LATEST")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.5)))),
                "InvalidParameterValueException", "$LATEST is not supported for an alias pointing to more than 1 version");
        refused(() -> lambda.createAlias(b -> b.functionName(FN).name("ghost").functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("99", 0.5)))),
                "ResourceNotFoundException", ARN + ":99");
        refused(() -> lambda.createAlias(b -> b.functionName(FN).name("heavy").functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.5)))),
                "ValidationException", "Member must have value less than or equal to 1");

        var cleared = lambda.updateAlias(b -> b.functionName(FN).name("canary")
                .routingConfig(r -> r.additionalVersionWeights(Map.of())));
        assertThat(cleared.routingConfig()).isNull();
        lambda.deleteAlias(b -> b.functionName(FN).name("canary"));
    }

    @Test
    void aliasNamesAndTargetsAreChecked() {
        refused(() -> lambda.createAlias(b -> b.functionName(FN).name("123").functionVersion("1")),
                "ValidationException", "at 'name' failed to satisfy constraint");
        refused(() -> lambda.createAlias(b -> b.functionName(FN).name("nowhere").functionVersion("42")),
                "ResourceNotFoundException", "Function not found: " + ARN + ":42");
        lambda.createAlias(b -> b.functionName(FN).name("dup").functionVersion("1"));
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName(FN).name("dup").functionVersion("2")))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Alias already exists: " + ARN + ":dup");
                });
        refused(() -> lambda.deleteFunction(b -> b.functionName(FN).qualifier("1")),
                "ResourceConflictException", "dup");
        lambda.deleteAlias(b -> b.functionName(FN).name("dup"));
    }

    @Test
    void aliasesListByNameFilterByVersionAndPage() {
        for (String name : List.of("a1", "a2", "a3", "a4", "a5")) {
            lambda.createAlias(b -> b.functionName(FN).name("list-" + name).functionVersion(name.equals("a3") ? "3" : "1"));
        }
        List<String> names = lambda.listAliasesPaginator(b -> b.functionName(FN).maxItems(2)).aliases().stream()
                .map(AliasConfiguration::name).filter(n -> n.startsWith("list-")).toList();
        assertThat(names).containsExactly("list-a1", "list-a2", "list-a3", "list-a4", "list-a5");
        assertThat(lambda.listAliases(b -> b.functionName(FN).maxItems(2)).nextMarker()).isNotNull();
        assertThat(lambda.listAliases(b -> b.functionName(FN).functionVersion("3")).aliases())
                .extracting(AliasConfiguration::name).contains("list-a3").doesNotContain("list-a1");
        assertThatThrownBy(() -> lambda.listAliases(b -> b.functionName("no-such-function")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void updatingAMissingAliasIsNotFound() {
        assertThatThrownBy(() -> lambda.updateAlias(b -> b.functionName(FN).name("missing").functionVersion("1")))
                .isInstanceOf(ResourceNotFoundException.class)
                .isNotInstanceOf(PreconditionFailedException.class);
    }
}
