-- Builds from source (docs/builds.md): one row per build, its source spec, where it runs and how it
-- ended. Numbered in the builds range (V250..V299) so merges do not collide.
create table build (
    id                 uuid        primary key,
    operation_id       uuid        not null,
    team               text        not null,
    environment        text        not null,
    environment_kind   text        not null,
    app                text        not null,
    spec               text        not null,
    engine             text        not null,
    object_name        text        not null,
    git_repo           text        not null,
    revision           text,
    image              text        not null,
    state              text        not null,
    result_image       text,
    reason             text,
    requested_subject  text        not null,
    requested_username text        not null,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);
create index build_app on build (team, environment, app, created_at desc);
create index build_running on build (state) where state = 'BUILDING';
