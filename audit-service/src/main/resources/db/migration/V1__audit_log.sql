-- The audit log: append-only and hash-chained.
--
-- Each row links to the one before (prev_hash) and hashes its own canonical content (hash); the
-- service computes both under a transaction-scoped advisory lock, so the chain is linear and seq
-- follows it. GET /api/v1/audit/verify recomputes the chain.
create table audit_record (
    seq          bigint generated always as identity primary key,
    event_id     text        not null,
    ce_type      text        not null,
    source       text,
    subject      text,
    team         text,
    environment  text,
    app          text,
    operation_id text,
    actor        text,
    payload      jsonb       not null,
    occurred_at  timestamptz not null,
    recorded_at  timestamptz not null,
    prev_hash    text        not null,
    hash         text        not null,
    -- A CloudEvent is stored once, whatever the inbox says (backstop for redeliveries).
    constraint audit_record_event_id unique (event_id),
    constraint audit_record_hash unique (hash),
    constraint audit_record_hash_format check (hash ~ '^[0-9a-f]{64}$' and prev_hash ~ '^[0-9a-f]{64}$')
);

-- The searches of GET /api/v1/audit: each filter, in log order.
create index audit_record_operation on audit_record (operation_id, seq) where operation_id is not null;
create index audit_record_team on audit_record (team, seq);
create index audit_record_team_environment on audit_record (team, environment, app, seq);
create index audit_record_type on audit_record (ce_type, seq);
create index audit_record_occurred on audit_record (occurred_at);

-- Append-only, even for a role that may write the table: no UPDATE, DELETE or TRUNCATE.
-- Only the table's owner can disable these triggers; in production the service connects as a
-- role that owns nothing and holds only SELECT and INSERT (see audit-service/README.md), and the
-- hash chain reveals what an owner might still do.
create function audit_record_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_record is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end $$;

create trigger audit_record_no_update_or_delete before update or delete on audit_record
    for each row execute function audit_record_append_only();
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_append_only();

revoke update, delete, truncate on audit_record from public;
