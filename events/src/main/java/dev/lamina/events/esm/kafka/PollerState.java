package dev.lamina.events.esm.kafka;

/**
 * The lifecycle of one Kafka poller: made, running on its consumer thread, closing (the thread is
 * told to stop and leaves the consumer group), closed. A poller closed before it started never
 * runs. Every other move is a programming error.
 */
enum PollerState {
    MADE, RUNNING, CLOSING, CLOSED;

    /** What happens to a poller. */
    enum Event { START, CLOSE, STOPPED }

    /** The state after {@code event}; throws {@link IllegalStateException} for an illegal move. */
    PollerState on(Event event) {
        PollerState next = switch (this) {
            case MADE -> switch (event) {
                case START -> RUNNING;
                case CLOSE -> CLOSED;
                case STOPPED -> null;
            };
            case RUNNING -> switch (event) {
                case CLOSE -> CLOSING;
                case STOPPED -> CLOSED;
                case START -> null;
            };
            case CLOSING -> event == Event.STOPPED ? CLOSED : null;
            case CLOSED -> null;
        };
        if (next == null) {
            throw new IllegalStateException("Kafka poller: " + event + " is illegal in state " + this);
        }
        return next;
    }
}
