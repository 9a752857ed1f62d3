-- The search's most common filter is a team's environment, paged by seq (cursor): an index in
-- exactly that order answers it from the index, without sorting the environment's records.
-- It replaces (team, environment, app, seq): an app filter reads the environment's index range and
-- filters, and one index fewer keeps ingest cheaper.
drop index audit_record_team_environment;
create index audit_record_team_environment_seq on audit_record (team, environment, seq);
