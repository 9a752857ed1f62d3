-- Secret metadata: which secrets exist, with which keys, at which version. Never a value here:
-- encrypted values (envelope encryption) get a table of their own, readable only by the service.
create table secret (
    id          bigserial   primary key,
    team        text        not null,
    environment text        not null,
    name        text        not null,
    -- The key names inside the Kubernetes Secret (e.g. {url, password}), not their values.
    keys        text[]      not null default '{}',
    -- Bumped on every change or rotation; deploy-service rolls pods when it moves.
    version     integer     not null default 1 check (version >= 1),
    created_at  timestamptz not null default now(),
    unique (team, environment, name)
);
