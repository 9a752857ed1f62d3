-- The environments environment-service made; one namespace each.
create table environment (
    id               bigserial   primary key,
    team             text        not null,
    name             text        not null,
    kind             text        not null check (kind in ('production', 'staging', 'development', 'preview')),
    namespace        text        not null unique,
    status           text        not null,
    created_at       timestamptz not null,
    -- Expiry of idle non-production environments (issue 6) counts from here.
    last_activity_at timestamptz not null,
    unique (team, name)
);
