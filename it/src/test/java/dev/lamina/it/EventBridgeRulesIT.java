package dev.lamina.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeEventBusResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Tag;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.ArrayList;
import java.util.List;

import static dev.lamina.it.EventBridgeTesting.BUS_ARN_PREFIX;
import static dev.lamina.it.EventBridgeTesting.RULE_ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * EventBridge's control plane through the SDK: buses, rules, targets, tags, permissions, with AWS's
 * error codes and messages and pagination.
 */
class EventBridgeRulesIT extends ServerPerClass {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATTERN = "{\"source\":[\"shop\"],\"detail-type\":[\"Order Placed\"]}";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:not-there";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:not-there";
    static EventBridgeClient events;

    @BeforeAll
    static void client() {
        events = EventBridgeTesting.events(server.endpoint());
    }

    @AfterAll
    static void closeClient() {
        events.close();
    }

    private static void fails(ThrowableAssert.ThrowingCallable call, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EventBridgeException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(400);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    @Test
    void theDefaultBusIsAlwaysThereAndCannotBeCreatedOrDeleted() {
        DescribeEventBusResponse bus = events.describeEventBus(b -> { });
        assertThat(bus.name()).isEqualTo("default");
        assertThat(bus.arn()).isEqualTo(BUS_ARN_PREFIX + "default");
        assertThat(bus.creationTime()).isNotNull();
        fails(() -> events.createEventBus(b -> b.name("default")), "ResourceAlreadyExistsException",
                "Event bus default already exists.");
        fails(() -> events.deleteEventBus(b -> b.name("default")), "ValidationException",
                "Cannot delete event bus default.");
        assertThat(events.listEventBuses(b -> b.namePrefix("def")).eventBuses()).extracting(e -> e.name())
                .containsExactly("default");
    }

    @Test
    void aCustomBusIsCreatedDescribedUpdatedListedAndDeleted() {
        String arn = events.createEventBus(b -> b.name("orders-bus").description("orders")
                .tags(Tag.builder().key("team").value("shop").build())).eventBusArn();
        assertThat(arn).isEqualTo(BUS_ARN_PREFIX + "orders-bus");
        fails(() -> events.createEventBus(b -> b.name("orders-bus")), "ResourceAlreadyExistsException",
                "Event bus orders-bus already exists.");

        DescribeEventBusResponse described = events.describeEventBus(b -> b.name(arn));
        assertThat(described.name()).isEqualTo("orders-bus");
        assertThat(described.description()).isEqualTo("orders");
        assertThat(described.creationTime()).isNotNull();
        assertThat(described.lastModifiedTime()).isNotNull();
        assertThat(events.listTagsForResource(b -> b.resourceARN(arn)).tags())
                .containsExactly(Tag.builder().key("team").value("shop").build());

        assertThat(events.updateEventBus(b -> b.name("orders-bus").description("all orders")).description())
                .isEqualTo("all orders");
        assertThat(events.describeEventBus(b -> b.name("orders-bus")).description()).isEqualTo("all orders");

        events.putRule(b -> b.name("on-orders").eventBusName("orders-bus").eventPattern(PATTERN));
        fails(() -> events.deleteEventBus(b -> b.name("orders-bus")), "ValidationException",
                "EventBus can't be deleted since it has rules.");
        events.deleteRule(b -> b.name("on-orders").eventBusName("orders-bus"));
        events.deleteEventBus(b -> b.name("orders-bus"));
        fails(() -> events.describeEventBus(b -> b.name("orders-bus")), "ResourceNotFoundException",
                "Event bus orders-bus does not exist.");
        events.deleteEventBus(b -> b.name("orders-bus")); // a missing bus: 200, as AWS
    }

    @Test
    void busesAreListedByNameAPageAtATime() {
        for (String name : List.of("page-bus-c", "page-bus-a", "page-bus-b")) {
            events.createEventBus(b -> b.name(name));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            var page = events.listEventBuses(b -> b.namePrefix("page-bus-").limit(2).nextToken(t));
            page.eventBuses().forEach(e -> seen.add(e.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(seen).containsExactly("page-bus-a", "page-bus-b", "page-bus-c");
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void aRuleIsPutDescribedAndReplacedInPlace() {
        String arn = events.putRule(b -> b.name("orders").eventPattern(PATTERN).description("placed orders")
                .roleArn("arn:aws:iam::000000000000:role/r")).ruleArn();
        assertThat(arn).isEqualTo(RULE_ARN_PREFIX + "orders");

        DescribeRuleResponse rule = events.describeRule(b -> b.name("orders"));
        assertThat(rule.name()).isEqualTo("orders");
        assertThat(rule.arn()).isEqualTo(arn);
        assertThat(rule.eventPattern()).isEqualTo(PATTERN);
        assertThat(rule.state()).isEqualTo(RuleState.ENABLED);
        assertThat(rule.description()).isEqualTo("placed orders");
        assertThat(rule.roleArn()).isEqualTo("arn:aws:iam::000000000000:role/r");
        assertThat(rule.eventBusName()).isEqualTo("default");
        assertThat(rule.createdBy()).isEqualTo(TestServer.ACCOUNT);

        events.putTargets(b -> b.rule("orders").targets(Target.builder().id("f").arn(FUNCTION).build()));
        events.putRule(b -> b.name("orders").eventPattern("{\"source\":[\"bank\"]}").state(RuleState.DISABLED));
        DescribeRuleResponse replaced = events.describeRule(b -> b.name("orders"));
        assertThat(replaced.eventPattern()).isEqualTo("{\"source\":[\"bank\"]}");
        assertThat(replaced.state()).isEqualTo(RuleState.DISABLED);
        assertThat(replaced.description()).as("what PutRule omits is gone").isNull();
        assertThat(events.listTargetsByRule(b -> b.rule("orders")).targets()).as("targets stay").hasSize(1);
        events.removeTargets(b -> b.rule("orders").ids("f"));
        events.deleteRule(b -> b.name("orders"));
    }

    @Test
    void aRuleOnACustomBusHasTheBusInItsArn() {
        events.createEventBus(b -> b.name("custom-rules"));
        String arn = events.putRule(b -> b.name("r1").eventBusName(BUS_ARN_PREFIX + "custom-rules").eventPattern(PATTERN))
                .ruleArn();
        assertThat(arn).isEqualTo(RULE_ARN_PREFIX + "custom-rules/r1");
        assertThat(events.describeRule(b -> b.name("r1").eventBusName("custom-rules")).eventBusName())
                .isEqualTo("custom-rules");
        fails(() -> events.describeRule(b -> b.name("r1")), "ResourceNotFoundException",
                "Rule r1 does not exist on EventBus default.");
        fails(() -> events.putRule(b -> b.name("r1").eventBusName("no-such-bus").eventPattern(PATTERN)),
                "ResourceNotFoundException", "Event bus no-such-bus does not exist.");
        fails(() -> events.putRule(b -> b.name("tick").eventBusName("custom-rules").scheduleExpression("rate(5 minutes)")),
                "ValidationException", "ScheduleExpression is supported only on the default event bus.");
        events.deleteRule(b -> b.name("r1").eventBusName("custom-rules"));
        events.deleteEventBus(b -> b.name("custom-rules"));
    }

    @Test
    void putRuleChecksWhatItIsGiven() {
        fails(() -> events.putRule(b -> b.name("nothing")), "ValidationException",
                "Parameter(s) EventPattern or ScheduleExpression must be specified.");
        fails(() -> events.putRule(b -> b.name("bad").eventPattern("{\"detail\":{\"n\":[{\"numeric\":[\">\",0,\"<\"]}]}}")),
                "InvalidEventPatternException", "Event pattern is not valid. Reason: Value of < must be numeric");
        fails(() -> events.putRule(b -> b.name("bad").eventPattern("{\"string\": \"v\"}")),
                "InvalidEventPatternException", "Event pattern is not valid. Reason: \"string\" must be an object or an array");
        fails(() -> events.putRule(b -> b.name("bad").scheduleExpression("rate(0 minutes)")), "ValidationException", null);
        fails(() -> events.putRule(b -> b.name("bad name!").eventPattern(PATTERN)), "ValidationException", null);
        assertThat(events.listRules(b -> b.namePrefix("bad")).rules()).isEmpty();
    }

    @Test
    void aScheduledRuleKeepsItsExpressionUnchanged() {
        events.putRule(b -> b.name("every-five").scheduleExpression("rate(5 minutes)"));
        DescribeRuleResponse rule = events.describeRule(b -> b.name("every-five"));
        assertThat(rule.scheduleExpression()).isEqualTo("rate(5 minutes)");
        assertThat(rule.eventPattern()).isNull();
        events.deleteRule(b -> b.name("every-five"));
    }

    @Test
    void rulesAreEnabledAndDisabled() {
        events.putRule(b -> b.name("toggle").eventPattern(PATTERN).state(RuleState.DISABLED));
        assertThat(events.describeRule(b -> b.name("toggle")).state()).isEqualTo(RuleState.DISABLED);
        events.enableRule(b -> b.name("toggle"));
        assertThat(events.describeRule(b -> b.name("toggle")).state()).isEqualTo(RuleState.ENABLED);
        events.disableRule(b -> b.name("toggle"));
        assertThat(events.describeRule(b -> b.name("toggle")).state()).isEqualTo(RuleState.DISABLED);
        fails(() -> events.enableRule(b -> b.name("no-such-rule")), "ResourceNotFoundException",
                "Rule no-such-rule does not exist on EventBus default.");
        fails(() -> events.disableRule(b -> b.name("no-such-rule")), "ResourceNotFoundException",
                "Rule no-such-rule does not exist on EventBus default.");
        events.deleteRule(b -> b.name("toggle"));
    }

    @Test
    void deleteRuleRefusesARuleWithTargetsAndAnswers200ForAMissingOne() {
        events.putRule(b -> b.name("with-targets").eventPattern(PATTERN));
        events.putTargets(b -> b.rule("with-targets").targets(Target.builder().id("q").arn(QUEUE).build()));
        fails(() -> events.deleteRule(b -> b.name("with-targets")), "ValidationException",
                "Rule can't be deleted since it has targets.");
        events.removeTargets(b -> b.rule("with-targets").ids("q"));
        events.deleteRule(b -> b.name("with-targets"));
        events.deleteRule(b -> b.name("with-targets"));
        fails(() -> events.describeRule(b -> b.name("with-targets")), "ResourceNotFoundException",
                "Rule with-targets does not exist on EventBus default.");
    }

    @Test
    void rulesAreListedByNameWithAPrefixAPageAtATime() {
        for (String name : List.of("list-c", "list-a", "list-e", "list-b", "list-d")) {
            events.putRule(b -> b.name(name).eventPattern(PATTERN));
        }
        events.putRule(b -> b.name("other").eventPattern(PATTERN));
        List<Rule> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListRulesResponse page = events.listRules(b -> b.namePrefix("list-").limit(2).nextToken(t));
            assertThat(page.rules()).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page.rules());
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).extracting(Rule::name).containsExactly("list-a", "list-b", "list-c", "list-d", "list-e");
        assertThat(seen.get(0).arn()).isEqualTo(RULE_ARN_PREFIX + "list-a");
        assertThat(seen.get(0).eventPattern()).isEqualTo(PATTERN);
        assertThat(seen.get(0).eventBusName()).isEqualTo("default");
        assertThat(seen.get(0).state()).isEqualTo(RuleState.ENABLED);
        fails(() -> events.listRules(b -> b.nextToken("garbage")), "ValidationException", null);
        fails(() -> events.listRules(b -> b.eventBusName("no-such-bus")), "ResourceNotFoundException",
                "Event bus no-such-bus does not exist.");
        for (String name : List.of("list-c", "list-a", "list-e", "list-b", "list-d", "other")) {
            events.deleteRule(b -> b.name(name));
        }
    }

    @Test
    void targetsArePutReplacedListedAndRemoved() {
        events.putRule(b -> b.name("targets").eventPattern(PATTERN));
        PutTargetsResponse put = events.putTargets(b -> b.rule("targets").targets(
                Target.builder().id("fn").arn(FUNCTION).input("{\"fixed\":true}").build(),
                Target.builder().id("queue").arn(QUEUE).inputPath("$.detail")
                        .sqsParameters(s -> s.messageGroupId("g"))
                        .retryPolicy(r -> r.maximumRetryAttempts(3).maximumEventAgeInSeconds(120))
                        .deadLetterConfig(d -> d.arn(QUEUE + "-dlq")).build()));
        assertThat(put.failedEntryCount()).isZero();
        assertThat(put.failedEntries()).isEmpty();

        List<Target> listed = events.listTargetsByRule(b -> b.rule("targets")).targets();
        assertThat(listed).extracting(Target::id).containsExactly("fn", "queue");
        assertThat(listed.get(0).input()).isEqualTo("{\"fixed\":true}");
        assertThat(listed.get(1).inputPath()).isEqualTo("$.detail");
        assertThat(listed.get(1).sqsParameters().messageGroupId()).isEqualTo("g");
        assertThat(listed.get(1).retryPolicy().maximumRetryAttempts()).isEqualTo(3);
        assertThat(listed.get(1).retryPolicy().maximumEventAgeInSeconds()).isEqualTo(120);
        assertThat(listed.get(1).deadLetterConfig().arn()).isEqualTo(QUEUE + "-dlq");

        events.putTargets(b -> b.rule("targets").targets(Target.builder().id("fn").arn(FUNCTION + "-2").build()));
        listed = events.listTargetsByRule(b -> b.rule("targets")).targets();
        assertThat(listed).extracting(Target::arn).containsExactly(FUNCTION + "-2", QUEUE);
        assertThat(listed.get(0).input()).as("a replaced target is what was set again").isNull();

        var page = events.listTargetsByRule(b -> b.rule("targets").limit(1));
        assertThat(page.targets()).extracting(Target::id).containsExactly("fn");
        assertThat(events.listTargetsByRule(b -> b.rule("targets").limit(1).nextToken(page.nextToken())).targets())
                .extracting(Target::id).containsExactly("queue");

        assertThat(events.listRuleNamesByTarget(b -> b.targetArn(QUEUE)).ruleNames()).containsExactly("targets");
        var removed = events.removeTargets(b -> b.rule("targets").ids("fn", "queue"));
        assertThat(removed.failedEntryCount()).isZero();
        assertThat(events.listTargetsByRule(b -> b.rule("targets")).targets()).isEmpty();
        assertThat(events.listRuleNamesByTarget(b -> b.targetArn(QUEUE)).ruleNames()).isEmpty();
        events.deleteRule(b -> b.name("targets"));
    }

    @Test
    void aRuleHasAtMostFiveTargetsAndTargetsNeedAnExistingRule() {
        events.putRule(b -> b.name("five").eventPattern(PATTERN));
        List<Target> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(Target.builder().id("t" + i).arn(QUEUE + i).build());
        }
        events.putTargets(b -> b.rule("five").targets(five));
        fails(() -> events.putTargets(b -> b.rule("five").targets(Target.builder().id("t5").arn(QUEUE).build())),
                "LimitExceededException", null);
        events.putTargets(b -> b.rule("five").targets(Target.builder().id("t0").arn(QUEUE + "x").build()));
        assertThat(events.listTargetsByRule(b -> b.rule("five")).targets()).hasSize(5);
        fails(() -> events.putTargets(b -> b.rule("no-such-rule").targets(Target.builder().id("t").arn(QUEUE).build())),
                "ResourceNotFoundException", "Rule no-such-rule does not exist on EventBus default.");
        fails(() -> events.listTargetsByRule(b -> b.rule("no-such-rule")), "ResourceNotFoundException",
                "Rule no-such-rule does not exist on EventBus default.");
        events.removeTargets(b -> b.rule("five").ids("t0", "t1", "t2", "t3", "t4"));
        events.deleteRule(b -> b.name("five"));
    }

    @Test
    void listRuleNamesByTargetIsPerBusAndPaginated() {
        for (String name : List.of("by-target-b", "by-target-a", "by-target-c")) {
            events.putRule(b -> b.name(name).eventPattern(PATTERN));
            events.putTargets(b -> b.rule(name).targets(Target.builder().id("shared").arn(FUNCTION + "-shared").build()));
        }
        var first = events.listRuleNamesByTarget(b -> b.targetArn(FUNCTION + "-shared").limit(2));
        assertThat(first.ruleNames()).containsExactly("by-target-a", "by-target-b");
        assertThat(events.listRuleNamesByTarget(b -> b.targetArn(FUNCTION + "-shared").nextToken(first.nextToken()))
                .ruleNames()).containsExactly("by-target-c");
        for (String name : List.of("by-target-b", "by-target-a", "by-target-c")) {
            events.removeTargets(b -> b.rule(name).ids("shared"));
            events.deleteRule(b -> b.name(name));
        }
    }

    @Test
    void rulesAndBusesAreTaggedByArn() {
        String ruleArn = events.putRule(b -> b.name("tagged").eventPattern(PATTERN)
                .tags(Tag.builder().key("a").value("1").build())).ruleArn();
        events.tagResource(b -> b.resourceARN(ruleArn).tags(Tag.builder().key("b").value("2").build(),
                Tag.builder().key("a").value("one").build()));
        assertThat(events.listTagsForResource(b -> b.resourceARN(ruleArn)).tags()).containsExactlyInAnyOrder(
                Tag.builder().key("a").value("one").build(), Tag.builder().key("b").value("2").build());
        events.untagResource(b -> b.resourceARN(ruleArn).tagKeys("a"));
        assertThat(events.listTagsForResource(b -> b.resourceARN(ruleArn)).tags())
                .containsExactly(Tag.builder().key("b").value("2").build());

        events.createEventBus(b -> b.name("tag-bus"));
        String busRule = events.putRule(b -> b.name("tagged").eventBusName("tag-bus").eventPattern(PATTERN)).ruleArn();
        events.tagResource(b -> b.resourceARN(busRule).tags(Tag.builder().key("on").value("bus").build()));
        assertThat(events.listTagsForResource(b -> b.resourceARN(busRule)).tags())
                .containsExactly(Tag.builder().key("on").value("bus").build());
        events.tagResource(b -> b.resourceARN(BUS_ARN_PREFIX + "default").tags(Tag.builder().key("d").value("x").build()));
        assertThat(events.listTagsForResource(b -> b.resourceARN(BUS_ARN_PREFIX + "default")).tags())
                .contains(Tag.builder().key("d").value("x").build());

        fails(() -> events.listTagsForResource(b -> b.resourceARN(RULE_ARN_PREFIX + "no-such-rule")),
                "ResourceNotFoundException", "Rule no-such-rule does not exist on EventBus default.");
        fails(() -> events.tagResource(b -> b.resourceARN(BUS_ARN_PREFIX + "no-such-bus")
                .tags(Tag.builder().key("k").value("v").build())), "ResourceNotFoundException",
                "Event bus no-such-bus does not exist.");
        events.deleteRule(b -> b.name("tagged").eventBusName("tag-bus"));
        events.deleteEventBus(b -> b.name("tag-bus"));
        events.deleteRule(b -> b.name("tagged"));
    }

    @Test
    void permissionsBuildTheBusPolicyThatDescribeEventBusShows() throws Exception {
        events.createEventBus(b -> b.name("shared-bus"));
        events.putPermission(b -> b.eventBusName("shared-bus").action("events:PutEvents").principal("111122223333")
                .statementId("partner"));
        events.putPermission(b -> b.eventBusName("shared-bus").action("events:PutEvents").principal("*")
                .statementId("org").condition(c -> c.type("StringEquals").key("aws:PrincipalOrgID").value("o-1234")));
        JsonNode policy = JSON.readTree(events.describeEventBus(b -> b.name("shared-bus")).policy());
        assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
        JsonNode partner = policy.path("Statement").path(0);
        assertThat(partner.path("Sid").asText()).isEqualTo("partner");
        assertThat(partner.path("Effect").asText()).isEqualTo("Allow");
        assertThat(partner.path("Principal").path("AWS").asText()).isEqualTo("arn:aws:iam::111122223333:root");
        assertThat(partner.path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(partner.path("Resource").asText()).isEqualTo(BUS_ARN_PREFIX + "shared-bus");
        assertThat(policy.path("Statement").path(1).path("Condition").path("StringEquals").path("aws:PrincipalOrgID")
                .asText()).isEqualTo("o-1234");

        events.removePermission(b -> b.eventBusName("shared-bus").statementId("partner"));
        assertThat(JSON.readTree(events.describeEventBus(b -> b.name("shared-bus")).policy()).path("Statement"))
                .hasSize(1);
        fails(() -> events.removePermission(b -> b.eventBusName("shared-bus").statementId("partner")),
                "ResourceNotFoundException", null);
        events.removePermission(b -> b.eventBusName("shared-bus").removeAllPermissions(true));
        assertThat(events.describeEventBus(b -> b.name("shared-bus")).policy()).isNull();

        String whole = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"all\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"events:PutEvents\","
                + "\"Resource\":\"" + BUS_ARN_PREFIX + "shared-bus\"}]}";
        events.putPermission(b -> b.eventBusName("shared-bus").policy(whole));
        assertThat(JSON.readTree(events.describeEventBus(b -> b.name("shared-bus")).policy()))
                .isEqualTo(JSON.readTree(whole));
        fails(() -> events.putPermission(b -> b.eventBusName("no-such-bus").action("events:PutEvents")
                .principal("111122223333").statementId("x")), "ResourceNotFoundException",
                "Event bus no-such-bus does not exist.");
        fails(() -> events.putPermission(b -> b.eventBusName("shared-bus").action("events:PutRule")
                .principal("111122223333").statementId("y")), "ValidationException",
                "Provided value in parameter 'action' is not supported.");
        events.deleteEventBus(b -> b.name("shared-bus"));
    }

    @Test
    void testEventPatternAnswersAndChecks() {
        String event = "{\"id\":\"1\",\"source\":\"shop\",\"detail-type\":\"Order Placed\",\"account\":\"000000000000\","
                + "\"time\":\"2026-12-07T10:00:00Z\",\"region\":\"us-east-1\",\"detail\":{}}";
        assertThat(events.testEventPattern(b -> b.eventPattern(PATTERN).event(event)).result()).isTrue();
        assertThat(events.testEventPattern(b -> b.eventPattern("{\"source\":[\"bank\"]}").event(event)).result()).isFalse();
        fails(() -> events.testEventPattern(b -> b.eventPattern(PATTERN).event("{\"source\":\"shop\"}")),
                "ValidationException", "Parameter Event is not valid.");
        fails(() -> events.testEventPattern(b -> b.eventPattern("{\"source\":\"shop\"}").event(event)),
                "InvalidEventPatternException",
                "Event pattern is not valid. Reason: \"source\" must be an object or an array");
    }

    @Test
    void hostilePatternsAndEventsAreRefusedNotCrashedOn() {
        String deepEvent = "{\"id\":\"1\",\"source\":\"s\",\"detail-type\":\"t\",\"account\":\"1\",\"time\":\"t\","
                + "\"region\":\"r\",\"detail\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}";
        fails(() -> events.testEventPattern(b -> b.eventPattern(PATTERN).event(deepEvent)), "ValidationException",
                "Parameter Event is not valid.");
        String deepPattern = "{\"a\":".repeat(600) + "[1]" + "}".repeat(600);
        String event = "{\"id\":\"1\",\"source\":\"s\",\"detail-type\":\"t\",\"account\":\"1\",\"time\":\"t\","
                + "\"region\":\"r\"}";
        assertThat(events.testEventPattern(b -> b.eventPattern(deepPattern).event(event)).result()).isFalse();
        fails(() -> events.putRule(b -> b.name("too-long").eventPattern("{\"a\":[\"" + "x".repeat(5000) + "\"]}")),
                "ValidationException", null);
        fails(() -> events.testEventPattern(b -> b.eventPattern("{\"a\":[{\"wildcard\":\"a**b\"}]}").event(event)),
                "InvalidEventPatternException", "Event pattern is not valid. Reason: Consecutive wildcard characters at pos 2");
    }
}
