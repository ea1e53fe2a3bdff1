-- PutProvisionedConcurrencyConfig's requests. What is allocated lives in the running server only.
CREATE TABLE provisioned_concurrency (
    function_name TEXT    NOT NULL REFERENCES functions (name),
    qualifier     TEXT    NOT NULL,
    requested     INTEGER NOT NULL,
    last_modified BIGINT  NOT NULL,
    PRIMARY KEY (function_name, qualifier)
);
