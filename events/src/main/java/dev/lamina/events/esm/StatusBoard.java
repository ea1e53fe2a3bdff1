package dev.lamina.events.esm;

import dev.lamina.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What pollers report, in memory first (pollers report every batch), written to the store from
 * time to time by {@link #flush} and shown by the API at once ({@link #current}).
 */
final class StatusBoard {
    private static final Logger LOG = LoggerFactory.getLogger(StatusBoard.class);
    /** How Lambda begins a LastProcessingResult that reports a problem. */
    static final String PROBLEM = "PROBLEM: ";

    /** One mapping's latest report. */
    record Status(String lastProcessingResult, String stateTransitionReason) {
    }

    private final Map<String, Status> latest = new ConcurrentHashMap<>();
    private final Map<String, Status> written = new ConcurrentHashMap<>();

    /** The status a poller of {@code uuid} reports through. */
    MappingStatus forMapping(String uuid, String initialResult, String initialReason) {
        latest.putIfAbsent(uuid, new Status(initialResult, initialReason));
        return new MappingStatus() {
            /** A batch went through: the source is reachable again, so a problem it reported is over. */
            @Override
            public void processed(String lastProcessingResult) {
                latest.compute(uuid, (k, s) -> new Status(lastProcessingResult,
                        s == null || s.stateTransitionReason().startsWith(PROBLEM) ? Mapping.USER_INITIATED
                                : s.stateTransitionReason()));
            }

            @Override
            public void sourceUnavailable(String reason) {
                String problem = reason.startsWith(PROBLEM) ? reason : PROBLEM + reason;
                latest.put(uuid, new Status(problem, problem));
            }
        };
    }

    Optional<Status> current(String uuid) {
        return Optional.ofNullable(latest.get(uuid));
    }

    /** After an API change: the next reports start from what the API wrote. */
    void reset(String uuid, String result, String reason) {
        latest.put(uuid, new Status(result, reason));
        written.put(uuid, new Status(result, reason));
    }

    void forget(String uuid) {
        latest.remove(uuid);
        written.remove(uuid);
    }

    /** Writes what changed since the last flush. */
    void flush(Store store) {
        latest.forEach((uuid, status) -> {
            if (status.equals(written.get(uuid))) {
                return;
            }
            try {
                store.writeUnversioned(tx -> {
                    tx.mappings().updateStatus(uuid, status.lastProcessingResult(), status.stateTransitionReason());
                    return null;
                });
                written.put(uuid, status);
            } catch (RuntimeException e) {
                LOG.warn("could not store the status of event source mapping {}", uuid, e);
            }
        });
    }
}
