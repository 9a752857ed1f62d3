-- Each object the all-or-none applier put back after a failed change (ADR 0004), with its
-- generation before the change and after the restore (null: it did not exist / was deleted). A
-- restore that changed a pod template back left generations that no revision explains; the
-- reliability suite counts them (docs/reliability.md). Numbered in the reliability range (V430..V439).
create table apply_restore (
    id                bigserial   primary key,
    namespace         text        not null,
    kind              text        not null,
    name              text        not null,
    generation_before bigint,
    generation_after  bigint,
    restored_at       timestamptz not null default now()
);

create index apply_restore_object on apply_restore (namespace, kind, name);
