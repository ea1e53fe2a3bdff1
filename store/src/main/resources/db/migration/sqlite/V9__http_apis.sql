-- API Gateway HTTP APIs (apigatewayv2). Each API and each of its parts (routes, integrations, stages,
-- deployments, a deployment's snapshot, authorizers) is one JSON document keyed by the model's member
-- names, which the gateway module reads and writes whole; the store does not interpret them.
CREATE TABLE http_apis (
    api_id    TEXT   NOT NULL PRIMARY KEY,
    document  TEXT   NOT NULL,
    created   BIGINT NOT NULL  -- epoch milliseconds; listings are ordered by it
);

CREATE TABLE http_api_parts (
    api_id    TEXT   NOT NULL,
    kind      TEXT   NOT NULL, -- HttpApiPart.Kind's name, lower-cased
    part_id   TEXT   NOT NULL, -- the route, integration, deployment or authorizer id, or the stage's name
    document  TEXT   NOT NULL,
    created   BIGINT NOT NULL,
    PRIMARY KEY (api_id, kind, part_id)
);
