-- Functions, their versions and aliases.
-- Portable SQL: the same statements must run on PostgreSQL when the cluster store arrives.
-- Times are epoch milliseconds; structured settings are JSON text written by ConfigJson.

CREATE TABLE functions (
    name                   TEXT    NOT NULL PRIMARY KEY,
    tags                   TEXT    NOT NULL,
    reserved_concurrency   INTEGER,
    last_published_version BIGINT  NOT NULL,
    created_at             BIGINT  NOT NULL
);

-- One row per version; $LATEST has number 0. The requested settings (config, code_*) and the
-- deployed ones (deployed_*) differ while an update is prepared or after it failed.
CREATE TABLE function_versions (
    function_name              TEXT   NOT NULL REFERENCES functions (name),
    number                     BIGINT NOT NULL,
    config                     TEXT   NOT NULL,
    code_sha256                TEXT   NOT NULL,
    code_size                  BIGINT NOT NULL,
    code_unzipped_size         BIGINT NOT NULL,
    deployed_config            TEXT,
    deployed_code_sha256       TEXT,
    deployed_code_size         BIGINT,
    deployed_code_unzipped_size BIGINT,
    state                      TEXT   NOT NULL,
    failure_code               TEXT,
    failure_reason             TEXT,
    revision_id                TEXT   NOT NULL,
    last_modified              BIGINT NOT NULL,
    PRIMARY KEY (function_name, number)
);

CREATE INDEX function_versions_state ON function_versions (state);
CREATE INDEX function_versions_code ON function_versions (code_sha256);
CREATE INDEX function_versions_deployed_code ON function_versions (deployed_code_sha256);

CREATE TABLE aliases (
    function_name    TEXT NOT NULL REFERENCES functions (name),
    name             TEXT NOT NULL,
    function_version TEXT NOT NULL,
    description      TEXT NOT NULL,
    routing          TEXT NOT NULL,
    revision_id      TEXT NOT NULL,
    PRIMARY KEY (function_name, name)
);
