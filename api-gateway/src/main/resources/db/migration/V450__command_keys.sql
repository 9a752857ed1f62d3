-- A command sent with an Idempotency-Key, per user: the same request sent again (a client retrying
-- after a lost 202, a 503 or a timeout) answers the operation it made the first time instead of
-- publishing a second command. Claimed first in the command's transaction, so a concurrent retry
-- waits for the first and then finds its operation. Kept a day (RetainedTables).
create table command_key (
    requested_by    text        not null,
    idempotency_key text        not null,
    operation_id    uuid        not null references operation (id) deferrable initially deferred,
    -- What the key was first used for: a key reused for another command is refused (422).
    type            text        not null,
    team            text        not null,
    environment     text        not null,
    target          text        not null,
    created_at      timestamptz not null default now(),
    primary key (requested_by, idempotency_key)
);
create index command_key_created_at on command_key (created_at);
