package dev.lamina.eventbridge.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.delivery.Deliveries;
import dev.lamina.eventbridge.delivery.Delivery;
import dev.lamina.eventbridge.rules.RuleIndex;
import dev.lamina.eventbridge.scheduler.ScheduleBook;
import dev.lamina.eventbridge.target.Target;
import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The ticker against in-memory rules, schedules and fire marks, with a clock moved by hand. */
class TickerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Arns ARNS = new Arns(new Region("us-east-1"), new AccountId("000000000000"));
    private static final String RULE_ARN = ARNS.rule("default", "every");
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";

    private final FakeRules rules = new FakeRules();
    private final FakeBook book = new FakeBook();
    private final FakeDeliveries deliveries = new FakeDeliveries();
    private Instant now = Instant.parse("2026-03-01T10:00:20Z");
    private final Ticker ticker = new Ticker(ARNS, Duration.ofSeconds(1), () -> now, rules, book, deliveries);

    private void at(String time) {
        now = Instant.parse(time);
        ticker.tick(now);
    }

    private static Target target(String json) {
        try {
            return Target.of(JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void rule(String expression) {
        rules.scheduled.add(new RuleIndex.ScheduledRule(RULE_ARN, "every", "default", expression,
                List.of(target("{\"Id\":\"t1\",\"Arn\":\"" + QUEUE + "\"}"))));
    }

    private ScheduleBook.ActiveSchedule schedule(String name, String expression, ZoneId zone, Optional<Instant> start,
                                                 Optional<Instant> end, Optional<Duration> window, String target,
                                                 boolean delete) {
        var s = new ScheduleBook.ActiveSchedule(ARNS.schedule("default", name), "default", name, expression, zone,
                start, end, window, target(target), delete);
        book.active.add(s);
        return s;
    }

    private List<Instant> fireTimes(String key) {
        return deliveries.fired.stream().filter(f -> f.key.equals(key) && !f.deliveries.isEmpty())
                .map(f -> f.time).toList();
    }

    @Test
    void aCronRuleFirstFiresAtItsNextMinuteWithTheScheduledEvent() throws Exception {
        rule("cron(* * * * ? *)");
        at("2026-03-01T10:00:20Z");
        at("2026-03-01T10:00:59Z");
        assertThat(fireTimes(RULE_ARN)).isEmpty();
        at("2026-03-01T10:01:00.400Z");
        assertThat(fireTimes(RULE_ARN)).containsExactly(Instant.parse("2026-03-01T10:01:00Z"));
        Delivery d = deliveries.fired.getLast().deliveries.getFirst();
        assertThat(d.origin()).isEqualTo(Delivery.Origin.RULE);
        assertThat(d.sourceArn()).isEqualTo(RULE_ARN);
        assertThat(d.target().arn()).isEqualTo(QUEUE);
        var event = JSON.readTree(d.body());
        assertThat(JSON.writeValueAsString(event).replace(event.get("id").asText(), "ID")).isEqualTo(
                "{\"version\":\"0\",\"id\":\"ID\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                        + "\"account\":\"000000000000\",\"time\":\"2026-03-01T10:01:00Z\",\"region\":\"us-east-1\","
                        + "\"resources\":[\"arn:aws:events:us-east-1:000000000000:rule/every\"],\"detail\":{}}");
        assertThat(event.get("id").asText()).isNotBlank();
    }

    @Test
    void aRateRuleFirstFiresOnePeriodAfterItWasSeen() {
        rule("rate(5 minutes)");
        at("2026-03-01T10:00:20Z");
        at("2026-03-01T10:05:19Z");
        assertThat(fireTimes(RULE_ARN)).isEmpty();
        at("2026-03-01T10:05:20Z");
        at("2026-03-01T10:10:21Z");
        assertThat(fireTimes(RULE_ARN)).containsExactly(Instant.parse("2026-03-01T10:05:20Z"),
                Instant.parse("2026-03-01T10:10:20Z"));
    }

    @Test
    void noDoubleFireForOneTime() {
        rule("cron(* * * * ? *)");
        at("2026-03-01T10:00:20Z");
        at("2026-03-01T10:01:00Z");
        at("2026-03-01T10:01:01Z");
        at("2026-03-01T10:01:59Z");
        assertThat(fireTimes(RULE_ARN)).hasSize(1);
        // a second ticker over the same marks (a restart) does not fire it again either
        new Ticker(ARNS, Duration.ofSeconds(1), () -> now, rules, book, deliveries).tick(now);
        assertThat(fireTimes(RULE_ARN)).hasSize(1);
    }

    @Test
    void missedOccurrencesCollapseIntoOneLateFire() {
        rule("cron(*/5 * * * ? *)");
        at("2026-03-01T10:00:20Z");
        // down for three hours: 36 occurrences missed, one late fire for the latest
        at("2026-03-01T13:02:00Z");
        assertThat(fireTimes(RULE_ARN)).containsExactly(Instant.parse("2026-03-01T13:00:00Z"));
        at("2026-03-01T13:05:00Z");
        assertThat(fireTimes(RULE_ARN)).hasSize(2);
    }

    @Test
    void aRemovedRuleIsForgottenAndStartsAfreshWhenItComesBack() {
        rule("rate(1 minute)");
        at("2026-03-01T10:00:20Z");
        rules.scheduled.clear();
        at("2026-03-01T10:01:30Z");
        assertThat(deliveries.marks).doesNotContainKey(RULE_ARN);
        rule("rate(1 minute)");
        at("2026-03-01T10:03:00Z");
        at("2026-03-01T10:03:59Z");
        assertThat(fireTimes(RULE_ARN)).isEmpty();
        at("2026-03-01T10:04:00Z");
        assertThat(fireTimes(RULE_ARN)).containsExactly(Instant.parse("2026-03-01T10:04:00Z"));
    }

    @Test
    void atFiresOnceWithItsInputThenCompletes() {
        var s = schedule("once", "at(2026-03-01T05:01:00)", ZoneId.of("America/New_York"), Optional.empty(),
                Optional.empty(), Optional.empty(), "{\"Arn\":\"" + QUEUE + "\",\"RoleArn\":\"r\",\"Input\":\"{\\\"a\\\": 1}\"}",
                true);
        at("2026-03-01T10:00:59Z");
        assertThat(fireTimes(s.arn())).isEmpty();
        at("2026-03-01T10:01:00Z");
        assertThat(fireTimes(s.arn())).containsExactly(Instant.parse("2026-03-01T10:01:00Z"));
        Delivery d = deliveries.fired.getLast().deliveries.getFirst();
        assertThat(d.body()).isEqualTo("{\"a\": 1}");
        assertThat(d.origin()).isEqualTo(Delivery.Origin.SCHEDULE);
        assertThat(book.completed).containsExactly("default/once");
        at("2026-03-01T10:02:00Z");
        assertThat(fireTimes(s.arn())).hasSize(1);
    }

    @Test
    void anAtMissedWhileDownFiresOnceLateAndAScheduleWithoutInputSendsAnEmptyObject() {
        var s = schedule("late", "at(2026-03-01T10:01:00)", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                Optional.empty(), "{\"Arn\":\"" + QUEUE + "\",\"RoleArn\":\"r\"}", false);
        at("2026-03-01T11:30:00Z");
        at("2026-03-01T11:30:01Z");
        assertThat(fireTimes(s.arn())).containsExactly(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(deliveries.fired.getLast().deliveries.getFirst().body()).isEqualTo("{}");
        assertThat(book.completed).containsExactly("default/late");
    }

    @Test
    void flexibleWindowFiresWithinTheWindowAtTheSameOffsetAfterARestart() {
        var s = schedule("flex", "at(2026-03-01T10:01:00)", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMinutes(15)), "{\"Arn\":\"" + QUEUE + "\",\"RoleArn\":\"r\",\"Input\":\"x\"}",
                false);
        Instant due = Instant.parse("2026-03-01T10:01:00Z");
        Instant fireAt = FireWindow.fireAt(s.arn(), due, s.flexibleWindow());
        assertThat(fireAt).isBetween(due, due.plus(Duration.ofMinutes(15)).minusNanos(1));
        assertThat(FireWindow.fireAt(s.arn(), due, s.flexibleWindow())).isEqualTo(fireAt);
        if (fireAt.isAfter(due)) {
            at(fireAt.minusSeconds(1).toString());
            assertThat(fireTimes(s.arn())).isEmpty();
        }
        at(fireAt.toString());
        assertThat(fireTimes(s.arn())).containsExactly(due);
        // offsets spread over the window
        assertThat(java.util.stream.IntStream.range(0, 50).mapToObj(i ->
                FireWindow.fireAt("k" + i, due, Optional.of(Duration.ofMinutes(15)))).distinct().count()).isGreaterThan(20);
    }

    @Test
    void aRateScheduleWithoutStartDateFiresAtOnceAndWithOneOnItsGrid() {
        var now1 = schedule("nowish", "rate(10 minutes)", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                Optional.empty(), "{\"Arn\":\"" + QUEUE + "\",\"RoleArn\":\"r\",\"Input\":\"x\"}", false);
        var started = schedule("started", "rate(10 minutes)", ZoneOffset.UTC,
                Optional.of(Instant.parse("2026-03-01T10:30:00Z")), Optional.of(Instant.parse("2026-03-01T10:55:00Z")),
                Optional.empty(), "{\"Arn\":\"" + QUEUE + "\",\"RoleArn\":\"r\",\"Input\":\"x\"}", false);
        at("2026-03-01T10:00:20Z");
        assertThat(fireTimes(now1.arn())).containsExactly(Instant.parse("2026-03-01T10:00:20Z"));
        at("2026-03-01T10:29:59Z");
        assertThat(fireTimes(started.arn())).isEmpty();
        for (String t : List.of("2026-03-01T10:30:00Z", "2026-03-01T10:40:00Z", "2026-03-01T10:50:00Z",
                "2026-03-01T11:00:00Z", "2026-03-01T11:10:00Z")) {
            at(t);
        }
        assertThat(fireTimes(started.arn())).containsExactly(Instant.parse("2026-03-01T10:30:00Z"),
                Instant.parse("2026-03-01T10:40:00Z"), Instant.parse("2026-03-01T10:50:00Z"));
        assertThat(book.completed).containsExactly("default/started");
        // every ten minutes from 10:00:20; the 10:10:20 missed between ticks collapsed into 10:20:20
        assertThat(fireTimes(now1.arn())).extracting(Instant::toString).containsExactly("2026-03-01T10:00:20Z",
                "2026-03-01T10:20:20Z", "2026-03-01T10:30:20Z", "2026-03-01T10:40:20Z", "2026-03-01T10:50:20Z",
                "2026-03-01T11:00:20Z");
    }

    @Test
    void aCronScheduleInItsZoneBetweenStartAndEnd() {
        var s = schedule("daily", "cron(0 9 * * ? *)", ZoneId.of("Europe/London"),
                Optional.of(Instant.parse("2026-03-28T00:00:00Z")), Optional.of(Instant.parse("2026-03-31T00:00:00Z")),
                Optional.empty(), "{\"Arn\":\"" + QUEUE + "\",\"RoleArn\":\"r\",\"Input\":\"x\"}", true);
        at("2026-03-26T00:00:00Z");
        for (int day = 26; day <= 31; day++) {
            at("2026-03-" + day + "T07:30:00Z");
            at("2026-03-" + day + "T08:30:00Z");
            at("2026-03-" + day + "T09:30:00Z");
        }
        // 09:00 GMT on the 28th, 09:00 BST (08:00Z) from the 29th; none before StartDate or after EndDate
        assertThat(fireTimes(s.arn())).containsExactly(Instant.parse("2026-03-28T09:00:00Z"),
                Instant.parse("2026-03-29T08:00:00Z"), Instant.parse("2026-03-30T08:00:00Z"));
        assertThat(book.completed).containsExactly("default/daily");
        assertThat(book.active).isEmpty();
    }

    @Test
    void aScheduleForAnEventBusSendsAnEvent() throws Exception {
        var s = schedule("bus", "at(2026-03-01T10:01:00)", ZoneOffset.UTC, Optional.empty(), Optional.empty(),
                Optional.empty(), "{\"Arn\":\"" + ARNS.bus("custom") + "\",\"RoleArn\":\"r\",\"Input\":\"{\\\"k\\\":\\\"v\\\"}\","
                        + "\"EventBridgeParameters\":{\"DetailType\":\"Tick\",\"Source\":\"my.app\"}}", false);
        at("2026-03-01T10:01:00Z");
        var event = JSON.readTree(deliveries.fired.getLast().deliveries.getFirst().body());
        assertThat(event.get("detail-type").asText()).isEqualTo("Tick");
        assertThat(event.get("source").asText()).isEqualTo("my.app");
        assertThat(event.get("detail").toString()).isEqualTo("{\"k\":\"v\"}");
        assertThat(event.get("resources").get(0).asText()).isEqualTo(s.arn());
        assertThat(event.get("time").asText()).isEqualTo("2026-03-01T10:01:00Z");
    }

    @Test
    void aChangedExpressionStartsAfresh() {
        rule("rate(1 minute)");
        at("2026-03-01T10:00:20Z");
        rules.scheduled.clear();
        rule("cron(30 10 * * ? *)");
        at("2026-03-01T10:01:20Z");
        at("2026-03-01T10:29:59Z");
        assertThat(fireTimes(RULE_ARN)).isEmpty();
        at("2026-03-01T10:30:00Z");
        assertThat(fireTimes(RULE_ARN)).containsExactly(Instant.parse("2026-03-01T10:30:00Z"));
    }

    // --- fakes of what lies below the ticker ---

    private static final class FakeRules implements RuleIndex {
        final List<ScheduledRule> scheduled = new CopyOnWriteArrayList<>();

        public boolean busExists(String bus) {
            return true;
        }

        public List<RuleMatch> match(String bus, String event) {
            return List.of();
        }

        public List<ScheduledRule> scheduled() {
            return List.copyOf(scheduled);
        }
    }

    private static final class FakeBook implements ScheduleBook {
        final List<ActiveSchedule> active = new CopyOnWriteArrayList<>();
        final List<String> completed = new ArrayList<>();

        public List<ActiveSchedule> active() {
            return List.copyOf(active);
        }

        public void completed(String group, String name) {
            completed.add(group + "/" + name);
            active.removeIf(s -> s.group().equals(group) && s.name().equals(name) && s.deleteAfterCompletion());
        }
    }

    private record Fired(String key, Instant time, List<Delivery> deliveries) {
    }

    private static final class FakeDeliveries implements Deliveries {
        final Map<String, Instant> marks = new HashMap<>();
        final List<Fired> fired = new ArrayList<>();

        public CompletableFuture<Void> enqueue(List<Delivery> deliveries) {
            return CompletableFuture.completedFuture(null);
        }

        public boolean fire(String key, Instant time, List<Delivery> deliveries) {
            Instant mark = marks.get(key);
            if (mark != null && !mark.isBefore(time)) {
                return false;
            }
            marks.put(key, time);
            fired.add(new Fired(key, time, List.copyOf(deliveries)));
            return true;
        }

        public Optional<Instant> lastFired(String key) {
            return Optional.ofNullable(marks.get(key));
        }

        public void forget(String key) {
            marks.remove(key);
        }
    }
}
