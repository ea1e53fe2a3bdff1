-- API Gateway REST APIs. Each API is one row with its settings as one JSON document (the apigateway
-- model's RestApi members), and its parts (resources with their methods and integrations,
-- authorizers, deployments with the snapshot they serve, stages) are rows of rest_api_parts, one
-- JSON document each, deleted with their API. The gateway module owns the documents' meaning.
CREATE TABLE rest_apis (
    id        TEXT   NOT NULL PRIMARY KEY,
    created   BIGINT NOT NULL, -- epoch milliseconds
    document  TEXT   NOT NULL
);

CREATE TABLE rest_api_parts (
    api_id    TEXT NOT NULL REFERENCES rest_apis (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL, -- resource, authorizer, deployment, stage
    part_id   TEXT NOT NULL, -- the part's id (a stage's name)
    created   BIGINT NOT NULL, -- epoch milliseconds, the order listings follow
    document  TEXT NOT NULL,
    PRIMARY KEY (api_id, kind, part_id)
);
