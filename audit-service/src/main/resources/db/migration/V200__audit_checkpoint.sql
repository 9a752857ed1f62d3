-- Signed checkpoints of the audit chain: the head (seq, hash) and the record count at that point,
-- signed with the service's checkpoint key. A rewrite of the whole chain from some record on keeps
-- every link consistent, but cannot reproduce a signed head hash: verify compares them.
create table audit_checkpoint (
    seq         bigint      primary key,  -- the last record covered
    head_hash   text        not null,
    record_count bigint     not null,
    at          timestamptz not null,
    key_id      text        not null,
    algorithm   text        not null,
    signature   text        not null,
    constraint audit_checkpoint_head_format check (head_hash ~ '^[0-9a-f]{64}$')
);

create function audit_checkpoint_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_checkpoint is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end $$;

create trigger audit_checkpoint_no_update_or_delete before update or delete on audit_checkpoint
    for each row execute function audit_checkpoint_append_only();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_checkpoint_append_only();

revoke update, delete, truncate on audit_checkpoint from public;
