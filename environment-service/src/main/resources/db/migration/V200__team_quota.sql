-- A team's own quota per environment kind (issue 6 §6); a kind without a row uses the platform's
-- default (slipway.environments.quota.<kind>.*).
create table team_quota (
    team       text        not null,
    kind       text        not null check (kind in ('production', 'staging', 'development', 'preview')),
    cpu        text        not null,
    memory     text        not null,
    pods       integer     not null check (pods >= 0),
    storage    text        not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    primary key (team, kind)
);
