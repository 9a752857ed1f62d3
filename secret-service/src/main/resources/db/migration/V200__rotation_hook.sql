-- An external generator for rotation: an http(s) URL that answers the new values. Null: random.
alter table secret add column rotation_hook text;
