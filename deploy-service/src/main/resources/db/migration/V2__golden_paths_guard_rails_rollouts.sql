-- Golden paths are data: every change is a new version; apps and revisions name the version
-- ("web@2") that rendered them.
create table golden_path (
    id          bigserial primary key,
    name        text        not null,
    version     int         not null,
    definition  text        not null,   -- the GoldenPath as JSON
    created_by  text        not null,
    created_at  timestamptz not null,
    unique (name, version)
);

-- Guard rails are data too: the whole rule set is versioned, the newest applies.
create table guard_rail_set (
    id          bigserial primary key,
    version     int         not null unique,
    rules       text        not null,   -- a JSON list of GuardRail
    created_by  text        not null,
    created_at  timestamptz not null
);

alter table app add column status_detail text;
alter table revision add column golden_path text;
alter table revision add column effective_spec text;
alter table revision add column rollback_of int;
