-- The asynchronous side's durable work: invocations accepted with a 202, and messages owed to SQS
-- queues. A row exists from its acknowledgement until its work is done; what is in flight when the
-- server dies is simply still here at the next start.
CREATE TABLE tasks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL,     -- 'invoke' or 'sqs'
    request_id    TEXT,
    function_name TEXT,
    qualifier     TEXT,
    target        TEXT,                 -- the queue's ARN for 'sqs'
    payload       BLOB    NOT NULL,
    attributes    TEXT,                 -- JSON object of message attributes for 'sqs'
    created_at    BIGINT  NOT NULL,
    due_at        BIGINT  NOT NULL,
    attempts      INTEGER NOT NULL,
    hops          INTEGER NOT NULL
);
