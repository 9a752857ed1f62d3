-- The unique index on hash guarded nothing event_id's does not: the hash covers the event id (its
-- canonical content includes it), so two rows with one hash would need the same event id, which
-- audit_record_event_id already refuses, or a SHA-256 collision. Each append paid one more random
-- B-tree insert of a 64-character key for it (issue 9: ingest rate). The chain's links and verify
-- are unchanged.
alter table audit_record drop constraint audit_record_hash;
