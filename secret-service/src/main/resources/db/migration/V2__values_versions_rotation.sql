-- Secret state beyond its name and keys: a clone into production waits for values; rotation policy
-- and its next due time (the scheduler's queue, shared by every replica through row locks).
alter table secret
    add column needs_value         boolean     not null default false,
    add column updated_at          timestamptz not null default now(),
    add column last_rotated_at     timestamptz,
    add column rotation_cron       text,
    add column rotation_every_days integer check (rotation_every_days >= 1),
    add column rotation_length     integer,
    add column rotation_charset    text,
    add column rotation_keys       text[],
    add column next_rotation_at    timestamptz;
create index secret_rotation_due on secret (next_rotation_at) where next_rotation_at is not null;

-- Every version of a secret: metadata for the history, and the values under envelope encryption
-- (AES-256-GCM with a data key of its own, wrapped by the master key `key_id`). No plaintext here.
create table secret_version (
    id           bigserial   primary key,
    secret_id    bigint      not null references secret (id) on delete cascade,
    version      integer     not null check (version >= 1),
    keys         text[]      not null,
    version_hash text        not null,
    -- create, update, rotate, schedule, clone
    trigger      text        not null,
    created_by   text        not null,
    created_at   timestamptz not null default now(),
    ciphertext   bytea,
    value_nonce  bytea,
    wrapped_key  bytea,
    key_id       text,
    unique (secret_id, version),
    check ((ciphertext is null) = (wrapped_key is null))
);
create index secret_version_key_id on secret_version (key_id);

-- The kind of each environment, from environment-service's events: reveal needs to know what is
-- production, and an environment not known here counts as production.
create table environment_kind (
    team        text not null,
    environment text not null,
    kind        text not null,
    primary key (team, environment)
);
