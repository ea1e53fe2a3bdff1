package dev.lamina.eventbridge.schedule;

import dev.lamina.eventbridge.Arns;
import dev.lamina.eventbridge.EventBridgeContext;
import dev.lamina.eventbridge.delivery.Deliveries;
import dev.lamina.eventbridge.delivery.Delivery;
import dev.lamina.eventbridge.input.TargetInput;
import dev.lamina.eventbridge.rules.RuleIndex;
import dev.lamina.eventbridge.rules.RuleIndex.ScheduledRule;
import dev.lamina.eventbridge.scheduler.ScheduleBook;
import dev.lamina.eventbridge.scheduler.ScheduleBook.ActiveSchedule;
import dev.lamina.eventbridge.target.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Fires scheduled rules and Scheduler's schedules: a platform thread looks every
 * {@code settings.tick()} for what is due and fires it through {@link Deliveries#fire}, whose fire
 * marks make each (rule or schedule, time) fire at most once, across restarts.
 *
 * <p>The rules it keeps (docs/EVENTBRIDGE.md):
 * <ul>
 * <li>First sighting of a rule, or of a cron schedule: a baseline mark at that moment, no delivery;
 *     so a rate rule fires one period after it was created or enabled, a cron at its next matching
 *     minute. A rate schedule fires at its StartDate and every period after; without one, at once
 *     (as Scheduler documents).</li>
 * <li>Missed occurrences (the server was down, or busy) collapse into one late fire for the latest
 *     one due: late, not never, and not once per missed occurrence.</li>
 * <li>A schedule fires within its FlexibleTimeWindow at an offset derived from its key and due
 *     time ({@link FireWindow}); StartDate and EndDate bound its fire times; an {@code at()} fires
 *     once, then, like a recurring schedule with nothing left before its EndDate, is completed.</li>
 * <li>A rule or schedule that disappears (deleted, disabled) or whose expression, zone or dates
 *     change has its mark forgotten: it starts afresh.</li>
 * </ul>
 */
public final class Ticker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ticker.class);
    /** Bounds the walk over missed cron occurrences (a year of every-minute is 525,600). */
    private static final int MAX_CATCH_UP = 2_000_000;
    private static final Pattern BUS = Pattern.compile("arn:aws[a-z-]*:events:[^:]*:[^:]*:event-bus/.+");

    private final Duration tick;
    private final InstantSource clock;
    private final RuleIndex rules;
    private final ScheduleBook schedules;
    private final Deliveries deliveries;
    private final Arns arns;
    /** What each key was last seen as (only the ticking thread touches these). */
    private Map<String, String> seen = new HashMap<>();
    private final Map<String, Optional<ScheduleExpression>> parsed = new HashMap<>();
    private final Set<String> completed = new HashSet<>();
    /** The fire marks as last read or written (the ticker is their only writer): no store read per tick. */
    private final Map<String, Optional<Instant>> marks = new HashMap<>();
    private volatile boolean running;
    private Thread thread;

    public Ticker(EventBridgeContext context, RuleIndex rules, ScheduleBook schedules, Deliveries deliveries) {
        this(context.arns(), context.settings().tick(), context.clock(), rules, schedules, deliveries);
    }

    Ticker(Arns arns, Duration tick, InstantSource clock, RuleIndex rules, ScheduleBook schedules,
           Deliveries deliveries) {
        this.arns = arns;
        this.tick = tick;
        this.clock = clock;
        this.rules = rules;
        this.schedules = schedules;
        this.deliveries = deliveries;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("eventbridge-ticker").daemon().start(this::loop);
    }

    private void loop() {
        long pause = Math.max(1, tick.toMillis());
        while (running) {
            try {
                tick(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("schedule tick failed", e);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One look at everything scheduled, as of {@code now}. */
    synchronized void tick(Instant now) {
        List<ScheduledRule> ruleList = rules.scheduled();
        List<ActiveSchedule> scheduleList = schedules.active();
        Map<String, String> current = new HashMap<>();
        ruleList.forEach(r -> current.put(r.ruleArn(), "rule " + r.expression()));
        scheduleList.forEach(s -> current.put(s.arn(), String.join(" ", "schedule", s.expression(),
                s.zone().getId(), String.valueOf(s.startDate()), String.valueOf(s.endDate()))));
        for (Map.Entry<String, String> old : seen.entrySet()) {
            if (!old.getValue().equals(current.get(old.getKey()))) {
                deliveries.forget(old.getKey());
                completed.remove(old.getKey());
                marks.remove(old.getKey());
            }
        }
        seen = current;
        for (ScheduledRule r : ruleList) {
            try {
                fireRule(r, now);
            } catch (RuntimeException e) {
                LOG.warn("scheduled rule {} failed to fire", r.ruleArn(), e);
            }
        }
        for (ActiveSchedule s : scheduleList) {
            try {
                fireSchedule(s, now);
            } catch (RuntimeException e) {
                LOG.warn("schedule {} failed to fire", s.arn(), e);
            }
        }
    }

    private void fireRule(ScheduledRule rule, Instant now) {
        Optional<ScheduleExpression> expression = expression(rule.expression(), true);
        if (expression.isEmpty()) {
            return;
        }
        String key = rule.ruleArn();
        Optional<Instant> last = mark(key);
        if (last.isEmpty()) {
            fire(key, now.truncatedTo(ChronoUnit.SECONDS), List.of());
            return;
        }
        latestDue(expression.get(), last.get(), now, ZoneOffset.UTC).ifPresent(due ->
                fire(key, due, ruleDeliveries(rule, due, now)));
    }

    private List<Delivery> ruleDeliveries(ScheduledRule rule, Instant due, Instant now) {
        String event = ScheduledEvents.scheduledEvent(arns, rule.ruleArn(), due);
        List<Delivery> out = new ArrayList<>();
        for (Target target : rule.targets()) {
            TargetInput.render(target, event, new TargetInput.Source(rule.ruleArn(), rule.ruleName(), now))
                    .ifPresent(body -> out.add(new Delivery(Delivery.Origin.RULE, rule.ruleArn(), target, body, now)));
        }
        return out;
    }

    private void fireSchedule(ActiveSchedule s, Instant now) {
        Optional<ScheduleExpression> parsedExpression = expression(s.expression(), false);
        String key = s.arn();
        if (parsedExpression.isEmpty() || completed.contains(key)) {
            return;
        }
        ScheduleExpression expression = parsedExpression.get();
        Optional<Instant> last = mark(key);
        if (expression instanceof At at) {
            Instant due = at.instant(s.zone());
            if (last.isEmpty() || last.get().isBefore(due)) {
                if (now.isBefore(FireWindow.fireAt(key, due, s.flexibleWindow()))) {
                    return;
                }
                fire(key, due, scheduleDeliveries(s, due, now));
            }
            complete(s);
            return;
        }
        Instant from;
        if (last.isPresent()) {
            from = last.get();
        } else if (expression instanceof Rate rate) {
            // the first occurrence is the StartDate, or now: "from" is one period before it (for now,
            // marked, so that a flexible window's wait does not move the occurrence at every tick)
            if (s.startDate().isPresent()) {
                from = s.startDate().get().minus(rate.period());
            } else {
                from = now.truncatedTo(ChronoUnit.SECONDS).minus(rate.period());
                fire(key, from, List.of());
            }
        } else {
            from = now.truncatedTo(ChronoUnit.SECONDS);
            fire(key, from, List.of());
        }
        if (expression instanceof Cron && s.startDate().isPresent() && from.isBefore(s.startDate().get())) {
            from = s.startDate().get().minusNanos(1);
        }
        Instant limit = s.endDate().filter(end -> end.isBefore(now)).orElse(now);
        Optional<Instant> due = latestDue(expression, from, limit, s.zone());
        if (due.isPresent()) {
            if (now.isBefore(FireWindow.fireAt(key, due.get(), s.flexibleWindow()))) {
                return;
            }
            fire(key, due.get(), scheduleDeliveries(s, due.get(), now));
            from = due.get();
        }
        Optional<Instant> next = expression.nextAfter(from, s.zone());
        if (next.isEmpty() || s.endDate().isPresent() && next.get().isAfter(s.endDate().get())) {
            complete(s);
        }
    }

    private Optional<Instant> mark(String key) {
        return marks.computeIfAbsent(key, deliveries::lastFired);
    }

    /** Fires through the durable marks; a refusal (marked already) re-reads the mark next time. */
    private void fire(String key, Instant time, List<Delivery> owed) {
        if (deliveries.fire(key, time, owed)) {
            marks.put(key, Optional.of(time));
        } else {
            marks.remove(key);
        }
    }

    private void complete(ActiveSchedule s) {
        schedules.completed(s.group(), s.name());
        completed.add(s.arn());
    }

    /**
     * A schedule's delivery: its target's Input as is ({@code {}} without one); for an event bus
     * target, an event with EventBridgeParameters' DetailType and Source and the Input as detail.
     */
    private List<Delivery> scheduleDeliveries(ActiveSchedule s, Instant due, Instant now) {
        Target target = s.target();
        String input = target.input().orElse("{}");
        String body = input;
        if (BUS.matcher(target.arn()).matches()) {
            Target.EventBridgeParameters p = target.eventBridgeParameters()
                    .orElse(new Target.EventBridgeParameters("Scheduled Event", "aws.scheduler"));
            body = ScheduledEvents.busEvent(arns, s.arn(), p.detailType(), p.source(), input, due);
        }
        return List.of(new Delivery(Delivery.Origin.SCHEDULE, s.arn(), target, body, now));
    }

    /** The latest occurrence after {@code from} and at or before {@code limit}, if any. */
    static Optional<Instant> latestDue(ScheduleExpression expression, Instant from, Instant limit,
                                       java.time.ZoneId zone) {
        if (expression instanceof Rate rate) {
            Duration period = rate.period();
            if (period.isZero() || limit.isBefore(from.plus(period))) {
                return Optional.empty();
            }
            long periods = Duration.between(from, limit).dividedBy(period);
            return Optional.of(from.plus(period.multipliedBy(periods)));
        }
        Optional<Instant> due = expression.nextAfter(from, zone);
        if (due.isEmpty() || due.get().isAfter(limit)) {
            return Optional.empty();
        }
        for (int i = 0; i < MAX_CATCH_UP; i++) {
            Optional<Instant> next = expression.nextAfter(due.get(), zone);
            if (next.isEmpty() || next.get().isAfter(limit)) {
                break;
            }
            due = next;
        }
        return due;
    }

    private Optional<ScheduleExpression> expression(String text, boolean rule) {
        return parsed.computeIfAbsent((rule ? "rule " : "schedule ") + text, k -> {
            try {
                return Optional.of(rule ? ScheduleExpression.forRule(text) : ScheduleExpression.forScheduler(text));
            } catch (RuntimeException e) {
                LOG.warn("ignoring an invalid schedule expression: {}", text);
                return Optional.empty();
            }
        });
    }
}
