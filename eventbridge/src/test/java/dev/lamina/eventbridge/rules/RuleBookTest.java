package dev.lamina.eventbridge.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lamina.eventbridge.Arns;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.model.ServiceException;
import dev.lamina.store.Store;
import dev.lamina.store.secrets.AesGcmSealer;
import dev.lamina.store.sql.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleBookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arns ARNS = new Arns(new Region("us-east-1"), new AccountId("000000000000"));
    private static final String EVENT = """
            {"version":"0","id":"1","detail-type":"Order Placed","source":"shop","account":"000000000000",
             "time":"2026-12-07T10:00:00Z","region":"us-east-1","resources":[],"detail":{"total":42,"items":[{"sku":"a"}]}}""";

    @TempDir
    Path dir;
    Store store;
    Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("lamina.db"), new AesGcmSealer(new byte[32], "environment-variables"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private RuleBook book() {
        return new RuleBook(store, ARNS, clock);
    }

    private static ObjectNode rule(String name, String pattern, String state, String... targetArns) {
        ObjectNode doc = JSON.createObjectNode().put("Name", name);
        if (pattern != null) {
            doc.put("EventPattern", pattern);
        }
        doc.put("State", state);
        var targets = doc.putArray("Targets");
        for (int i = 0; i < targetArns.length; i++) {
            targets.addObject().put("Id", "t" + i).put("Arn", targetArns[i]);
        }
        return doc;
    }

    private static ObjectNode bus(String name) {
        return JSON.createObjectNode().put("Name", name).put("CreationTime", 1.0);
    }

    @Test
    void theDefaultBusExistsFromTheFirstStartAndKeepsItsCreationTime() {
        RuleBook first = book();
        assertThat(first.busExists("default")).isTrue();
        double created = first.bus("default").orElseThrow().path("CreationTime").asDouble();
        clock = Clock.offset(clock, java.time.Duration.ofHours(1));
        assertThat(book().bus("default").orElseThrow().path("CreationTime").asDouble()).isEqualTo(created);
    }

    @Test
    void matchAnswersEnabledRulesWhosePatternMatchesInNameOrderWithTheirTargets() {
        RuleBook book = book();
        book.putRule("default", rule("b-shop", "{\"source\":[\"shop\"]}", "ENABLED", "arn:aws:sqs:us-east-1:000000000000:q"));
        book.putRule("default", rule("a-total", "{\"detail\":{\"total\":[{\"numeric\":[\">\",40]}]}}", "ENABLED"));
        book.putRule("default", rule("c-off", "{\"source\":[\"shop\"]}", "DISABLED"));
        book.putRule("default", rule("d-other", "{\"source\":[\"bank\"]}", "ENABLED"));

        List<RuleIndex.RuleMatch> matches = book.match("default", EVENT);

        assertThat(matches).extracting(RuleIndex.RuleMatch::ruleName).containsExactly("a-total", "b-shop");
        assertThat(matches.get(1).ruleArn()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/b-shop");
        assertThat(matches.get(1).targets()).singleElement()
                .satisfies(t -> assertThat(t.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:q"));
        assertThat(book.match("nope", EVENT)).isEmpty();
    }

    @Test
    void rulesOnACustomBusMatchOnlyEventsOnThatBus() {
        RuleBook book = book();
        book.putBus(bus("orders"));
        book.putRule("orders", rule("r", "{\"source\":[\"shop\"]}", "ENABLED"));
        assertThat(book.match("orders", EVENT)).singleElement()
                .satisfies(m -> assertThat(m.ruleArn()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/orders/r"));
        assertThat(book.match("default", EVENT)).isEmpty();
    }

    @Test
    void changingAPatternDisablingAndDeletingChangeWhatMatches() {
        RuleBook book = book();
        book.putRule("default", rule("r", "{\"source\":[\"shop\"]}", "ENABLED"));
        book.putRule("default", rule("r", "{\"source\":[\"shop\", \"bank\"], \"detail-type\":[\"Nope\"]}", "ENABLED"));
        assertThat(book.match("default", EVENT)).isEmpty();
        book.putRule("default", rule("r", "{\"source\":[\"shop\"]}", "ENABLED"));
        assertThat(book.match("default", EVENT)).hasSize(1);
        book.putRule("default", rule("r", "{\"source\":[\"shop\"]}", "DISABLED"));
        assertThat(book.match("default", EVENT)).isEmpty();
        book.putRule("default", rule("r", "{\"source\":[\"shop\"]}", "ENABLED"));
        assertThat(book.match("default", EVENT)).hasSize(1);
        assertThat(book.deleteRule("default", "r")).isTrue();
        assertThat(book.match("default", EVENT)).isEmpty();
        assertThat(book.deleteRule("default", "r")).isFalse();
    }

    @Test
    void anOrPatternIsDeletedWhole() {
        RuleBook book = book();
        book.putRule("default", rule("r", "{\"$or\":[{\"source\":[\"shop\"]},{\"detail-type\":[\"x\"]}]}", "ENABLED"));
        assertThat(book.match("default", EVENT)).hasSize(1);
        book.putRule("default", rule("r", "{\"source\":[\"bank\"]}", "ENABLED"));
        assertThat(book.match("default", EVENT)).isEmpty();
    }

    @Test
    void aScheduleOnlyRuleNeverMatchesEventsAndIsScheduledWhileEnabled() {
        RuleBook book = book();
        ObjectNode doc = rule("tick", null, "ENABLED", "arn:aws:lambda:us-east-1:000000000000:function:f");
        doc.put("ScheduleExpression", "rate(5 minutes)");
        book.putRule("default", doc);
        assertThat(book.match("default", EVENT)).isEmpty();
        assertThat(book.match("default", "{}")).isEmpty();
        assertThat(book.scheduled()).singleElement().satisfies(s -> {
            assertThat(s.expression()).isEqualTo("rate(5 minutes)");
            assertThat(s.targets()).hasSize(1);
        });
        book.putRule("default", doc.put("State", "DISABLED"));
        assertThat(book.scheduled()).isEmpty();
    }

    @Test
    void everythingIsLoadedAgainFromTheStore() {
        RuleBook book = book();
        book.putBus(bus("orders"));
        book.putRule("orders", rule("r", "{\"source\":[\"shop\"]}", "ENABLED", "arn:aws:sqs:us-east-1:000000000000:q"));
        book.putRule("default", rule("off", "{\"source\":[\"shop\"]}", "DISABLED"));

        RuleBook again = book();

        assertThat(again.busExists("orders")).isTrue();
        assertThat(again.match("orders", EVENT)).singleElement()
                .satisfies(m -> assertThat(m.targets()).hasSize(1));
        assertThat(again.match("default", EVENT)).isEmpty();
        assertThat(again.rules("default")).extracting(r -> r.path("Name").asText()).containsExactly("off");
    }

    @Test
    void aStoredPatternTheMachineRefusesDoesNotKeepTheBookFromLoading() {
        book();
        store.write(tx -> {
            tx.eventBridge().put(new dev.lamina.store.eventbridge.EventBridgeDocument(
                    dev.lamina.store.eventbridge.EventBridgeDocument.Kind.RULE, "default", "broken",
                    rule("broken", "{\"source\": \"not a list\"}", "ENABLED").toString(), clock.instant()));
            return null;
        });
        RuleBook book = book();
        assertThat(book.rule("default", "broken")).isPresent();
        assertThat(book.match("default", EVENT)).isEmpty();
        book.putRule("default", rule("broken", "{\"source\":[\"shop\"]}", "ENABLED"));
        assertThat(book.match("default", EVENT)).hasSize(1);
        assertThat(book.deleteRule("default", "broken")).isTrue();
        assertThat(book.match("default", EVENT)).isEmpty();
    }

    @Test
    void aBusWithRulesCannotBeDeleted() {
        RuleBook book = book();
        book.putBus(bus("orders"));
        book.putRule("orders", rule("r", "{\"source\":[\"shop\"]}", "ENABLED"));
        assertThatThrownBy(() -> book.deleteBus("orders")).isInstanceOf(ServiceException.class)
                .hasMessage("EventBus can't be deleted since it has rules.");
        book.deleteRule("orders", "r");
        assertThat(book.deleteBus("orders")).isTrue();
        assertThat(book().busExists("orders")).isFalse();
    }

    @Test
    void aRuleOnAMissingBusIsRefused() {
        assertThatThrownBy(() -> book().putRule("nope", rule("r", "{\"source\":[\"shop\"]}", "ENABLED")))
                .hasMessage("Event bus nope does not exist.");
    }

    @Test
    void matchingGoesOnWhileRulesChange() throws Exception {
        RuleBook book = book();
        book.putRule("default", rule("steady", "{\"source\":[\"shop\"]}", "ENABLED"));
        AtomicBoolean stop = new AtomicBoolean();
        List<String> misses = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                if (book.match("default", EVENT).stream().noneMatch(m -> m.ruleName().equals("steady"))) {
                    synchronized (misses) {
                        misses.add("steady");
                    }
                }
            }
        });
        for (int i = 0; i < 300; i++) {
            book.putRule("default", rule("churn-" + (i % 7), "{\"source\":[\"shop\"],\"detail\":{\"total\":[" + i + "]}}",
                    "ENABLED"));
        }
        stop.set(true);
        reader.join();
        assertThat(misses).isEmpty();
    }
}
