-- EventBridge and EventBridge Scheduler: event buses, rules (with their targets), schedule groups,
-- schedules. Each is one JSON document keyed by the model's member names, which the eventbridge
-- module reads and writes whole; the store does not interpret them.
--   kind     what the row is ('bus', 'rule', 'schedule-group', 'schedule', …: EventBridgeDocument.Kind)
--   scope    what it belongs to: '' for a bus and a schedule group, the bus name for a rule, the
--            group name for a schedule
--   name     its name within the scope
CREATE TABLE eventbridge_documents (
    kind      TEXT   NOT NULL,
    scope     TEXT   NOT NULL,
    name      TEXT   NOT NULL,
    document  TEXT   NOT NULL,
    created   BIGINT NOT NULL,  -- epoch milliseconds
    PRIMARY KEY (kind, scope, name)
);
