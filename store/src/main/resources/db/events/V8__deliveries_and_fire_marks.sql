-- EventBridge's delivery log (eventbridge.db) shares the tasks table with the asynchronous side:
-- a 'deliver' task is one delivery owed to one rule's or schedule's target. Its payload is the body
-- the target receives and created_at the time the event was accepted; these columns say who owes it
-- and to which target (NULL for 'invoke' and 'sqs' tasks).
ALTER TABLE tasks ADD COLUMN origin TEXT;          -- 'RULE' or 'SCHEDULE'
ALTER TABLE tasks ADD COLUMN source_arn TEXT;      -- the rule's or the schedule's ARN
ALTER TABLE tasks ADD COLUMN document TEXT;        -- the target as its model document (JSON)

-- When each schedule or scheduled rule last fired: written in the same transaction as the fire's
-- deliveries, so a schedule fires once for a time even across kill -9.
CREATE TABLE fire_marks (
    mark_key TEXT   PRIMARY KEY,
    fired_at BIGINT NOT NULL
);
