-- The usage report: what each function version used, per memory size and UTC hour. Rows are only
-- ever added to (one upsert per bucket and flush); no foreign key, because a function's usage is its
-- billing history and outlives the function (deleting a function keeps its rows).
CREATE TABLE function_usage (
    function_name TEXT    NOT NULL,
    version       TEXT    NOT NULL,
    memory_mb     INTEGER NOT NULL,
    hour_start    BIGINT  NOT NULL, -- epoch milliseconds of the hour's first instant
    requests      BIGINT  NOT NULL,
    billed_ms     BIGINT  NOT NULL, -- sum of the REPORT lines' Billed Duration
    init_ms       BIGINT  NOT NULL, -- sum of the Init Durations, each rounded up to 1 ms (not billed)
    PRIMARY KEY (function_name, version, memory_mb, hour_start)
);

CREATE INDEX function_usage_by_hour ON function_usage (hour_start);
