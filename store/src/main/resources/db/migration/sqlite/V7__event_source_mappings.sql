-- Event source mappings. The settings are one JSON document (the Lambda API's member names), which
-- the events module reads and writes whole; the columns are what listings filter and order by, and
-- what changes without the settings (state, what the poller last reported).
CREATE TABLE event_source_mappings (
    uuid                     TEXT    NOT NULL PRIMARY KEY,
    function_name            TEXT    NOT NULL, -- unqualified, for ListEventSourceMappings' FunctionName filter
    function_arn             TEXT    NOT NULL, -- as the mapping names it (qualified when a version or alias was given)
    event_source_arn         TEXT,             -- empty for self-managed Kafka
    state                    TEXT    NOT NULL, -- events.esm.MappingState's name
    settings                 TEXT    NOT NULL,
    last_modified            BIGINT  NOT NULL, -- epoch milliseconds
    last_processing_result   TEXT    NOT NULL,
    state_transition_reason  TEXT    NOT NULL
);

CREATE INDEX event_source_mappings_by_source ON event_source_mappings (event_source_arn);
CREATE INDEX event_source_mappings_by_function ON event_source_mappings (function_name);

-- A poller's durable positions (a Kinesis shard's sequence number, …); deleted with their mapping.
CREATE TABLE event_source_checkpoints (
    uuid   TEXT NOT NULL,
    key    TEXT NOT NULL,
    value  TEXT NOT NULL,
    PRIMARY KEY (uuid, key)
);
