-- The log is its own outbox for AuditRecorded (ADR 0021): records after last_seq are still to be
-- published on slipway.audit. One row; AuditRecordPublisher moves it after Kafka acknowledged.
-- Records appended before this migration were published through outbox_event (rows still
-- unpublished there are relayed as before), so the cursor starts at the current head.
create table audit_publication (
    single   boolean primary key default true check (single),
    last_seq bigint  not null
);
insert into audit_publication (last_seq) select coalesce(max(seq), 0) from audit_record;
