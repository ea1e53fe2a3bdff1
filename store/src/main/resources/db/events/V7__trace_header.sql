-- The X-Amzn-Trace-Id an asynchronous invocation belongs to (NULL for queue messages, and for events
-- accepted before traces existed), so that every attempt, also after a restart, joins the caller's
-- trace. (Numbered 7, not 2, so that it can never collide with the store's migrations being written
-- in parallel; Flyway only needs versions to increase.)
ALTER TABLE tasks ADD COLUMN trace_header TEXT;
