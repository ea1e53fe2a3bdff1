-- PutFunctionRecursionConfig: 'Terminate' (Lambda's default) or 'Allow'.
ALTER TABLE functions ADD COLUMN recursive_loop TEXT NOT NULL DEFAULT 'Terminate';
