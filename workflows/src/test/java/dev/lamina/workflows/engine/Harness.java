package dev.lamina.workflows.engine;

import dev.lamina.model.AccountId;
import dev.lamina.model.Region;
import dev.lamina.workflows.Arns;
import dev.lamina.workflows.WorkflowsSettings;
import dev.lamina.workflows.asl.Definitions;
import dev.lamina.workflows.asl.QueryLanguage;
import dev.lamina.workflows.data.Dataflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Builds engines over a shared MemoryJournal (so a test can "crash" one and start another), and runs machines. */
final class Harness {
    static final Arns ARNS = new Arns(new Region("us-east-1"), new AccountId("000000000000"));

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MemoryJournal journal = new MemoryJournal();
    final FakeIntegrations integrations = new FakeIntegrations();
    Clock clock = Clock.systemUTC();
    double timeScale = 0.001;
    Function<QueryLanguage, Dataflow> dataflows = l -> new FakeDataflow();

    Engine engine() {
        WorkflowsSettings settings = new WorkflowsSettings(ARNS.region(), ARNS.account(), timeScale,
                Duration.ofMinutes(15));
        return new Engine(new Env(settings, ARNS, clock, dataflows, integrations, new TaskTokens(), new Activities(),
                () -> 0.5), journal);
    }

    static MachineSnapshot machine(String definition, MachineType type) {
        try {
            return new MachineSnapshot(ARNS.stateMachine("m"), "m", type, "arn:aws:iam::000000000000:role/r",
                    definition, Definitions.parse(definition), Optional.empty(), Optional.empty(), "rev");
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static StartRequest request(String definition, String input) {
        return new StartRequest(machine(definition, MachineType.STANDARD), "e-" + UUID.randomUUID(), input,
                Optional.empty(), Optional.empty());
    }

    static ExecutionRecord runToEnd(Engine engine, String definition, String input) throws InterruptedException {
        ExecutionRecord r = engine.start(request(definition, input));
        return engine.awaitFinish(r.executionArn(), Duration.ofSeconds(30));
    }

    static List<HistoryEvent> events(Engine engine, String arn) {
        List<HistoryEvent> all = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<HistoryEvent> p = engine.history(arn, false, 1000, token, true);
            all.addAll(p.items());
            token = p.nextToken();
        } while (token.isPresent());
        return all;
    }

    static List<String> types(Engine engine, String arn) {
        return events(engine, arn).stream().map(HistoryEvent::type).toList();
    }

    /** "Type id<-prev" per event, to compare ids and previousEventIds with AWS's recordings. */
    static List<String> shape(Engine engine, String arn) {
        return events(engine, arn).stream().map(e -> e.type() + " " + e.id() + "<-" + e.previousEventId()).toList();
    }
}
