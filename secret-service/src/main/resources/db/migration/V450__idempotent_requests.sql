-- A change that carried an Idempotency-Key, with the answer it got: the same request sent again
-- (a client retrying after a lost answer or a 503/504) gets that answer instead of making a second
-- change. The row is written first, in the change's own transaction, so a concurrent retry with the
-- same key waits for the first and then replays it. Never a value here: the answer is the secret's
-- metadata. Kept a day (RetainedTables).
create table secret_request (
    team            text        not null,
    environment     text        not null,
    idempotency_key text        not null,
    -- What the key was first used for: a key reused for another change is refused (422).
    operation       text        not null,
    secret          text        not null,
    actor           text        not null,
    answer          text,
    created_at      timestamptz not null default now(),
    primary key (team, environment, idempotency_key)
);
create index secret_request_created_at on secret_request (created_at);
