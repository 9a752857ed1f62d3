-- GET /api/v1/audit?actor= (issue 9: query by actor), paged by seq like every other filter.
-- Partial: records without an actor (most non-request events) cost the index nothing.
create index audit_record_actor on audit_record (actor, seq) where actor is not null;
