-- Gated commands waiting for a tech lead or a platform admin (docs/access.md). The held command is
-- stored as its CloudEvents type and JSON, and published exactly as stored when approved.
create table approval_request (
    id                   uuid        primary key,
    operation_id         uuid        not null references operation (id),
    team                 text        not null,
    environment          text        not null,
    action               text        not null,   -- the access policy's action: app.deploy, ...
    target               text        not null,   -- the app or environment
    plan_hash            text,                   -- the reviewed plan a deploy is bound to
    command_type         text        not null,
    command              text        not null,
    requested_by         text        not null,
    requested_by_subject text        not null,
    state                text        not null,   -- PENDING, APPROVED, REJECTED
    decided_by           text,
    channel              text,                   -- api, chat, event, expiry
    reason               text,
    created_at           timestamptz not null,
    expires_at           timestamptz not null,
    decided_at           timestamptz
);
create index approval_request_pending on approval_request (state, team, expires_at);
