-- Clones in progress (CloneDeployService): one row per clone operation, one per app deployed into
-- it, matched to the DeployRequested each app was sent as. Numbered apart from the rendering
-- migrations (V2, V3...) that are being written alongside.
create table environment_clone (
    operation_id uuid        primary key,
    team         text        not null,
    source       text        not null,
    environment  text        not null,
    total        int         not null,
    finished_at  timestamptz,
    created_at   timestamptz not null
);

create table environment_clone_app (
    deploy_operation_id uuid primary key,
    operation_id        uuid not null references environment_clone (operation_id) on delete cascade,
    app                 text not null,
    state               text not null check (state in ('PENDING', 'APPLIED', 'FAILED')),
    revision            int,
    reason              text,
    unique (operation_id, app)
);
