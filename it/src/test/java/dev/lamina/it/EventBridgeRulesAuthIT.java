package dev.lamina.it;

import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

import static dev.lamina.it.EventBridgeTesting.BUS_ARN_PREFIX;
import static dev.lamina.it.EventBridgeTesting.RULE_ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * IAM sees EventBridge's calls on the resources AWS names: a user allowed {@code events:*} on one
 * bus and its rules ({@code …:event-bus/team}, {@code …:rule/team/*}) manages them and nothing on
 * the default bus.
 */
class EventBridgeRulesAuthIT extends ServerPerClass {
    private static final String PATTERN = "{\"source\":[\"team\"]}";
    static EventBridgeClient root;
    static EventBridgeClient team;

    @BeforeAll
    static void users() {
        root = EventBridgeTesting.events(server.endpoint());
        root.createEventBus(b -> b.name("team"));
        String[] keys = new Admin(server).user("team-user", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"events:*",
                 "Resource":["%steam","%steam/*"]}]}""".formatted(BUS_ARN_PREFIX, RULE_ARN_PREFIX));
        team = EventBridgeClient.builder().endpointOverride(server.endpoint()).region(Region.of(TestServer.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keys[0], keys[1])))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1))).build();
    }

    @AfterAll
    static void closeClients() {
        team.close();
        root.close();
    }

    private static void denied(ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EventBridgeException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
        });
    }

    @Test
    void theUserManagesRulesTargetsAndTagsOnItsBus() {
        String arn = team.putRule(b -> b.name("mine").eventBusName("team").eventPattern(PATTERN)).ruleArn();
        team.putTargets(b -> b.rule("mine").eventBusName(BUS_ARN_PREFIX + "team")
                .targets(Target.builder().id("q").arn("arn:aws:sqs:us-east-1:000000000000:q").build()));
        assertThat(team.listTargetsByRule(b -> b.rule("mine").eventBusName("team")).targets()).hasSize(1);
        team.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("k").value("v").build()));
        assertThat(team.describeEventBus(b -> b.name("team")).name()).isEqualTo("team");
        team.putPermission(b -> b.eventBusName("team").action("events:PutEvents").principal("111122223333")
                .statementId("s"));
        team.removeTargets(b -> b.rule("mine").eventBusName("team").ids("q"));
        team.deleteRule(b -> b.name("mine").eventBusName("team"));
    }

    @Test
    void theDefaultBusAndItsRulesAreDenied() {
        denied(() -> team.putRule(b -> b.name("mine").eventPattern(PATTERN)));
        root.putRule(b -> b.name("roots").eventPattern(PATTERN));
        denied(() -> team.describeRule(b -> b.name("roots")));
        denied(() -> team.putTargets(b -> b.rule("roots")
                .targets(Target.builder().id("q").arn("arn:aws:sqs:us-east-1:000000000000:q").build())));
        denied(() -> team.tagResource(b -> b.resourceARN(RULE_ARN_PREFIX + "roots")
                .tags(Tag.builder().key("k").value("v").build())));
        denied(() -> team.describeEventBus(b -> { }));
        denied(() -> team.createEventBus(b -> b.name("other")));
        denied(() -> team.listRules(b -> b.eventBusName("team")));
        root.deleteRule(b -> b.name("roots"));
    }
}
