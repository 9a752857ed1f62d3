-- The secrets of each environment as secret-service's events describe them: names, key names and
-- the hash of the current version (a hash of ciphertext). Never a value. Deploys and plans check
-- secret://name/key references against it and stamp the hash on pod templates.
create table known_secret (
    team         text    not null,
    environment  text    not null,
    name         text    not null,
    keys         text    not null,   -- key names, comma-separated ([-._a-zA-Z0-9]+ has no comma)
    version      int     not null,
    version_hash text    not null,
    needs_value  boolean not null,
    primary key (team, environment, name)
);

-- A revision applied because a secret changed (SecretRotated): which secret, which version, why.
-- When its rollout fails, deploy-service asks once (restore_requested) for the previous version.
alter table revision
    add column secret_name       text,
    add column secret_version    int,
    add column secret_trigger    text,
    add column restore_requested boolean not null default false;
