package dev.lamina.workflows.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link ExecutionJournal} in memory: EXPRESS executions' (which AWS does not keep), and tests'.
 * Every write is "durable" at once.
 */
public final class MemoryJournal implements ExecutionJournal {
    private final Map<String, ExecutionRecord> records = new LinkedHashMap<>();
    private final Map<String, List<HistoryEvent>> histories = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> frames = new LinkedHashMap<>();

    @Override
    public synchronized CompletableFuture<Void> create(ExecutionRecord record, List<HistoryEvent> events,
                                                       List<FrameWrite> writes) {
        records.put(record.executionArn(), record);
        histories.put(record.executionArn(), new ArrayList<>(events));
        frames.put(record.executionArn(), new LinkedHashMap<>());
        apply(record.executionArn(), writes);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> transition(String executionArn, List<HistoryEvent> events,
                                                           List<FrameWrite> writes, Optional<ExecutionRecord> record) {
        histories.computeIfAbsent(executionArn, a -> new ArrayList<>()).addAll(events);
        apply(executionArn, writes);
        record.ifPresent(r -> records.put(executionArn, r));
        return CompletableFuture.completedFuture(null);
    }

    private void apply(String executionArn, List<FrameWrite> writes) {
        Map<String, String> own = frames.computeIfAbsent(executionArn, a -> new LinkedHashMap<>());
        for (FrameWrite w : writes) {
            w.document().ifPresentOrElse(d -> own.put(w.key(), d), () -> own.remove(w.key()));
        }
    }

    @Override
    public synchronized Optional<ExecutionRecord> find(String executionArn) {
        return Optional.ofNullable(records.get(executionArn));
    }

    @Override
    public synchronized List<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> status,
                                                   Optional<String> after, int max) {
        List<ExecutionRecord> all = records.values().stream()
                .filter(r -> r.stateMachineArn().equals(machineArn)
                        || r.machine().versionArn().filter(machineArn::equals).isPresent()
                        || r.machine().aliasArn().filter(machineArn::equals).isPresent())
                .filter(r -> status.map(s -> s == r.status()).orElse(true))
                .sorted(Comparator.comparing(ExecutionRecord::startDate).reversed()
                        .thenComparing(ExecutionRecord::executionArn))
                .toList();
        int from = 0;
        if (after.isPresent()) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).executionArn().equals(after.get())) {
                    from = i + 1;
                }
            }
        }
        return all.subList(Math.min(from, all.size()), Math.min(all.size(), from + max));
    }

    @Override
    public synchronized List<HistoryEvent> history(String executionArn, long fromExclusive, int max, boolean reverse) {
        List<HistoryEvent> events = histories.getOrDefault(executionArn, List.of());
        List<HistoryEvent> out = new ArrayList<>();
        if (!reverse) {
            for (HistoryEvent e : events) {
                if (e.id() > fromExclusive && out.size() < max) {
                    out.add(e);
                }
            }
        } else {
            for (int i = events.size() - 1; i >= 0 && out.size() < max; i--) {
                HistoryEvent e = events.get(i);
                if (fromExclusive <= 0 || e.id() < fromExclusive) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** Every RUNNING execution with its frames and last event id, as a durable journal answers after a restart. */
    @Override
    public synchronized List<Resumable> running() {
        List<Resumable> out = new ArrayList<>();
        for (ExecutionRecord r : records.values()) {
            if (r.status() == ExecutionStatus.RUNNING) {
                List<HistoryEvent> events = histories.getOrDefault(r.executionArn(), List.of());
                long last = events.isEmpty() ? 0 : events.get(events.size() - 1).id();
                out.add(new Resumable(r, last, Map.copyOf(frames.getOrDefault(r.executionArn(), Map.of()))));
            }
        }
        return out;
    }

    /** Forgets executions that ended before {@code instant} (EXPRESS executions are kept a while only). */
    public synchronized void forgetEndedBefore(java.time.Instant instant) {
        records.values().removeIf(r -> {
            boolean old = r.stopDate().filter(d -> d.isBefore(instant)).isPresent();
            if (old) {
                histories.remove(r.executionArn());
                frames.remove(r.executionArn());
            }
            return old;
        });
    }

    @Override
    public void close() {
    }
}
