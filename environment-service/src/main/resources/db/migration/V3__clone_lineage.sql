-- Where a clone was copied from: the lineage lists show, and previews are recognised by.
alter table environment add column cloned_from text;
