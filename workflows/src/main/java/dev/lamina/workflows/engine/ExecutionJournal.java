package dev.lamina.workflows.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where STANDARD executions live: their records, their histories, and the interpreter's position in
 * them ("frames": one JSON document per running branch of control, keyed by the engine, e.g. the
 * top level, a Parallel branch, a Map iteration), so that after a crash each running execution
 * continues from its last completed transition. Writes are group-committed: many executions'
 * transitions share one fsync; each future completes once its write is durable.
 *
 * <p>The engine never writes the same execution from two threads at once without ordering its
 * writes by their futures' order of submission; the journal keeps submission order per execution.
 */
public interface ExecutionJournal extends AutoCloseable {

    /** One frame's new document, or its removal ({@code document} empty). */
    record FrameWrite(String key, Optional<String> document) {
    }

    /** What a restart needs to resume an execution: its record, its next event id, and its frames. */
    record Resumable(ExecutionRecord record, long lastEventId, Map<String, String> frames) {
    }

    /** Records a new execution with its first events. Fails with ExecutionAlreadyExists semantics left to the caller (check {@link #find} first, under the caller's lock). */
    CompletableFuture<Void> create(ExecutionRecord record, List<HistoryEvent> events, List<FrameWrite> frames);

    /** Appends events, changes frames, and (when given) replaces the execution's record, in one durable write. */
    CompletableFuture<Void> transition(String executionArn, List<HistoryEvent> events, List<FrameWrite> frames,
                                       Optional<ExecutionRecord> record);

    Optional<ExecutionRecord> find(String executionArn);

    /** Newest first; {@code after} is the ARN of the last item of the previous page. */
    List<ExecutionRecord> list(String machineArn, Optional<ExecutionStatus> status, Optional<String> after, int max);

    /** Events with ids after {@code afterId} (ascending) or before {@code beforeId} (descending when {@code reverse}). */
    List<HistoryEvent> history(String executionArn, long fromExclusive, int max, boolean reverse);

    /** Every execution that was RUNNING when the journal was last closed or the process died. */
    List<Resumable> running();

    @Override
    void close();
}
