-- PutFunctionEventInvokeConfig's options; empty columns take Lambda's defaults.
CREATE TABLE event_invoke_configs (
    function_name        TEXT    NOT NULL REFERENCES functions (name),
    qualifier            TEXT    NOT NULL,
    max_retry_attempts   INTEGER,
    max_event_age        INTEGER,
    on_success           TEXT,
    on_failure           TEXT,
    last_modified        BIGINT  NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
