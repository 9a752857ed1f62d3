-- An app of a team's environment, with the spec of its current revision.
create table app (
    id             bigserial primary key,
    team           text        not null,
    environment    text        not null,
    name           text        not null,
    spec           text        not null,   -- the app spec as accepted (JSON)
    effective_spec text        not null,   -- with the golden path's defaults (JSON)
    golden_path    text        not null,
    revision       int         not null,
    status         text        not null,
    updated_at     timestamptz not null,
    unique (team, environment, name)
);

-- Every apply is a revision: what was asked, what was rendered, by whom, in which operation.
create table revision (
    id           bigserial primary key,
    app_id       bigint      not null references app (id),
    number       int         not null,
    spec         text        not null,
    manifests    text        not null,   -- rendered objects (JSON list), as applied
    image        text,
    requested_by text        not null,
    operation_id uuid        not null unique,
    created_at   timestamptz not null,
    unique (app_id, number)
);
