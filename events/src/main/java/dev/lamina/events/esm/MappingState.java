package dev.lamina.events.esm;

import java.util.Optional;

/**
 * The one state machine of an event source mapping, with Lambda's state names. The API moves a
 * mapping out of a settled state (Enabled, Disabled) into a transitional one; the supervisor moves it
 * on once the poller has started or stopped. While a mapping is in a transitional state the API
 * refuses further updates and deletes (ResourceInUseException), as Lambda does.
 *
 * <pre>
 *   Creating  ── started ──> Enabled      Creating ── stopped ──> Disabled   (created with Enabled=false)
 *   Enabled   ── update ──> Updating      Disabled ── update ──> Updating
 *   Enabled   ── disable ─> Disabling     Disabled ── enable ──> Enabling
 *   Enabled, Disabled ── delete ──> Deleting ── stopped ──> (deleted)
 *   Updating  ── started ──> Enabled, ── stopped ──> Disabled
 *   Enabling  ── started ──> Enabled;     Disabling ── stopped ──> Disabled
 * </pre>
 */
public enum MappingState {
    CREATING("Creating"),
    ENABLING("Enabling"),
    ENABLED("Enabled"),
    DISABLING("Disabling"),
    DISABLED("Disabled"),
    UPDATING("Updating"),
    DELETING("Deleting"),
    /** Final: the row is removed; never stored nor shown. */
    DELETED("Deleted");

    /** What happens to a mapping. */
    public enum Event {
        /** UpdateEventSourceMapping with Enabled=true. */
        ENABLE,
        /** UpdateEventSourceMapping with Enabled=false. */
        DISABLE,
        /** UpdateEventSourceMapping that leaves Enabled as it is. */
        UPDATE,
        DELETE,
        /** The supervisor started the mapping's poller with its current settings. */
        POLLER_STARTED,
        /** The supervisor closed the mapping's poller (or it had none). */
        POLLER_STOPPED
    }

    /** An event that is not allowed in a state. */
    public static final class IllegalTransition extends RuntimeException {
        private final MappingState from;
        private final Event event;

        IllegalTransition(MappingState from, Event event) {
            super(event + " is not allowed in state " + from);
            this.from = from;
            this.event = event;
        }

        public MappingState from() {
            return from;
        }

        public Event event() {
            return event;
        }
    }

    private final String wire;

    MappingState(String wire) {
        this.wire = wire;
    }

    /** The State member of the API's answers. */
    public String wire() {
        return wire;
    }

    /** Whether the API may change or delete a mapping in this state. */
    public boolean settled() {
        return this == ENABLED || this == DISABLED;
    }

    /** The state {@code event} leads to. */
    public MappingState on(Event event) {
        return next(event).orElseThrow(() -> new IllegalTransition(this, event));
    }

    /** The state {@code event} leads to, empty when it is not allowed. */
    public Optional<MappingState> next(Event event) {
        MappingState to = switch (this) {
            case ENABLED -> switch (event) {
                case UPDATE, ENABLE -> UPDATING;
                case DISABLE -> DISABLING;
                case DELETE -> DELETING;
                default -> null;
            };
            case DISABLED -> switch (event) {
                case UPDATE, DISABLE -> UPDATING;
                case ENABLE -> ENABLING;
                case DELETE -> DELETING;
                default -> null;
            };
            case CREATING, UPDATING -> switch (event) {
                case POLLER_STARTED -> ENABLED;
                case POLLER_STOPPED -> DISABLED;
                default -> null;
            };
            case ENABLING -> event == Event.POLLER_STARTED ? ENABLED : null;
            case DISABLING -> event == Event.POLLER_STOPPED ? DISABLED : null;
            case DELETING -> event == Event.POLLER_STOPPED ? DELETED : null;
            case DELETED -> null;
        };
        return Optional.ofNullable(to);
    }

    public static MappingState parse(String name) {
        return valueOf(name);
    }
}
