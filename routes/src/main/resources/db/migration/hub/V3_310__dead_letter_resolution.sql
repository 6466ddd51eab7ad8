-- Dead letters an operator has dealt with (replayed with success elsewhere, or judged not worth replaying) are marked
-- resolved rather than deleted: nothing lost, but the list of open ones stays short.
ALTER TABLE hub_dead_letter ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hub_dead_letter ADD COLUMN resolved_by VARCHAR(64);
CREATE INDEX hub_dead_letter_failed ON hub_dead_letter (failed_at);
CREATE INDEX hub_dead_letter_partner ON hub_dead_letter (partner, failed_at);
