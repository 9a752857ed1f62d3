-- Every command a client sent, and how far it got. Clients follow it by id.
create table operation (
    id           uuid primary key,
    type         text        not null,   -- DEPLOY, CREATE_ENVIRONMENT, ...
    team         text        not null,
    environment  text        not null,
    target       text        not null,   -- the app or environment name
    state        text        not null,   -- PENDING, RUNNING, PENDING_APPROVAL, SUCCEEDED, FAILED, REJECTED
    detail       text,
    errors       text,                   -- JSON list of {field, reason}
    result       text,                   -- JSON of the terminal event's useful parts
    requested_by text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index operation_team on operation (team, created_at desc);
