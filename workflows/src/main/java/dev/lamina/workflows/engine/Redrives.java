package dev.lamina.workflows.engine;

import dev.lamina.workflows.StatesErrors;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * RedriveExecution, with AWS's rules: only a STANDARD execution that ended FAILED, TIMED_OUT or ABORTED
 * less than 14 days ago, at most 1,000 times. It is RUNNING again from the top-level state that did not
 * succeed (its frame, which an unsuccessful end keeps), after an ExecutionRedriven event.
 */
final class Redrives {
    static final Duration WINDOW = Duration.ofDays(14);
    static final int MAX_REDRIVES = 1000;

    private final Env env;
    private final ExecutionJournal journal;
    private final BiConsumer<ExecutionJournal.Resumable, Long> resume;

    Redrives(Env env, ExecutionJournal journal, BiConsumer<ExecutionJournal.Resumable, Long> resume) {
        this.env = env;
        this.journal = journal;
        this.resume = resume;
    }

    ExecutionRecord redrive(ExecutionRecord r, boolean stillRunning) {
        if (r.machine().type() == MachineType.EXPRESS) {
            throw notRedrivable("Execution of an EXPRESS state machine cannot be redriven: '" + r.executionArn() + "'");
        }
        ExecutionStatus s = r.status();
        if (stillRunning || !(s == ExecutionStatus.FAILED || s == ExecutionStatus.TIMED_OUT
                || s == ExecutionStatus.ABORTED)) {
            throw notRedrivable("Execution with status " + s + " cannot be redriven: '" + r.executionArn() + "'");
        }
        if (r.stopDate().isPresent() && r.stopDate().get().plus(WINDOW).isBefore(env.clock().instant())) {
            throw notRedrivable("Execution stopped more than 14 days ago cannot be redriven: '"
                    + r.executionArn() + "'");
        }
        if (r.redriveCount() >= MAX_REDRIVES) {
            throw StatesErrors.of("ExecutionLimitExceeded", "Execution has reached the maximum redrive count");
        }
        ExecutionRecord again = new ExecutionRecord(r.executionArn(), r.machine(), r.name(), ExecutionStatus.RUNNING,
                r.startDate(), Optional.empty(), r.input(), Optional.empty(), Optional.empty(), Optional.empty(),
                r.redriveCount() + 1, Optional.of(env.clock().instant()), r.traceHeader());
        List<HistoryEvent> last = journal.history(r.executionArn(), 0, 1, true);
        long lastId = last.isEmpty() ? 0 : last.get(0).id();
        Events.Ev ev = Events.executionRedriven(again.redriveCount());
        HistoryEvent redriven = new HistoryEvent(lastId + 1, lastId, env.clock().instant(), ev.type(), ev.details());
        try {
            journal.transition(r.executionArn(), List.of(redriven), List.of(), Optional.of(again)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StatesErrors.internal("interrupted");
        } catch (ExecutionException e) {
            throw StatesErrors.internal("The redrive could not be recorded");
        }
        ExecutionJournal.Resumable resumable = journal.running().stream()
                .filter(x -> x.record().executionArn().equals(r.executionArn())).findFirst()
                .orElse(new ExecutionJournal.Resumable(again, redriven.id(), Map.of()));
        // A redrive runs a Map's or Parallel's children again: their frames (kept by the unsuccessful end)
        // go, so a crash during the redriven run cannot take them up.
        List<ExecutionJournal.FrameWrite> drop = resumable.frames().keySet().stream()
                .filter(k -> !k.equals(Frames.ROOT))
                .map(k -> new ExecutionJournal.FrameWrite(k, Optional.empty())).toList();
        try {
            if (!drop.isEmpty()) {
                journal.transition(r.executionArn(), List.of(), drop, Optional.empty()).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StatesErrors.internal("interrupted");
        } catch (ExecutionException e) {
            throw StatesErrors.internal("The redrive could not be recorded");
        }
        resume.accept(new ExecutionJournal.Resumable(again, redriven.id(), resumable.frames()), redriven.id());
        return again;
    }

    private static RuntimeException notRedrivable(String message) {
        return StatesErrors.of("ExecutionNotRedrivable", message);
    }
}
