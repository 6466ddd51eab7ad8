-- A case asks the watch that raised its escalation whether the item is still owed (DeadlineWatch.stillOwed), instead of
-- running a query read out of the watch's claim: owed_watch names the watch, owed_item (a JSON array of text) the item
-- as the watch identifies it. Cases opened before this migration keep their stored standing query (standing_sql and
-- standing_args, now NULL for new cases).
ALTER TABLE hub_supervision_case ADD COLUMN owed_watch VARCHAR(64);
ALTER TABLE hub_supervision_case ADD COLUMN owed_item VARCHAR(2000);
ALTER TABLE hub_supervision_case ALTER COLUMN standing_sql DROP NOT NULL;
ALTER TABLE hub_supervision_case ALTER COLUMN standing_args DROP NOT NULL;
