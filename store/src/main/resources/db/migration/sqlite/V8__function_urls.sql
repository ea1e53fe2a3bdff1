-- Function URLs: at most one per function and qualifier ('' for the unqualified function, else an
-- alias name). Deleted with their function or alias (SqlFunctionRepository, SqlAliasRepository).
CREATE TABLE function_urls (
    url_id         TEXT    NOT NULL PRIMARY KEY, -- 32 lower-case alphanumerics, the URL's host label
    function_name  TEXT    NOT NULL,
    qualifier      TEXT    NOT NULL,
    auth_type      TEXT    NOT NULL,             -- NONE or AWS_IAM
    invoke_mode    TEXT,                         -- BUFFERED or RESPONSE_STREAM; NULL when never set
    cors           TEXT,                         -- the Cors member as JSON (the model's names); NULL when none
    created        BIGINT  NOT NULL,             -- epoch milliseconds
    last_modified  BIGINT  NOT NULL,
    UNIQUE (function_name, qualifier)
);
