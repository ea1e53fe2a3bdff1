-- Step Functions: state machines, their published versions and aliases, and activities. Each is one
-- JSON document keyed by the model's member names, which the workflows module reads and writes
-- whole; the store does not interpret them. Executions are not here: they live in the workflows
-- journal (<data dir>/workflows.db).
--   kind     what the row is ('machine', 'version', 'alias', 'activity': StepFunctionsDocument.Kind)
--   scope    what it belongs to: '' for a machine and an activity, the machine's name for a
--            version and an alias
--   name     its name within the scope (a version's number, zero-padded so that names sort as numbers)
CREATE TABLE stepfunctions_documents (
    kind      TEXT   NOT NULL,
    scope     TEXT   NOT NULL,
    name      TEXT   NOT NULL,
    document  TEXT   NOT NULL,
    created   BIGINT NOT NULL,  -- epoch milliseconds
    PRIMARY KEY (kind, scope, name)
);
