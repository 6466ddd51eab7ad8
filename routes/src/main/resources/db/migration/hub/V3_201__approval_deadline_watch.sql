-- Early warning and escalation (预警, 督办) of the steps 4-7 limits, as for pre-review (V3_001): the day the
-- warning falls on, and when the warning and the escalation were raised (each once: a conditional update claims it).
-- Rows from before this migration have no warning day: the monitor warns them on their due day.
ALTER TABLE hub_item_list ADD COLUMN warn_on DATE;
ALTER TABLE hub_item_list ADD COLUMN warned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hub_item_list ADD COLUMN escalated_at TIMESTAMP WITH TIME ZONE;
-- Material review (step 5): a resubmission after 补正 opens a new review period, with its own warning and escalation.
ALTER TABLE hub_project_item ADD COLUMN review_warn_on DATE;
ALTER TABLE hub_project_item ADD COLUMN review_warned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hub_project_item ADD COLUMN review_escalated_at TIMESTAMP WITH TIME ZONE;
-- Approval (step 6): the item's own time limit from acceptance, or from the day its prerequisites' results reached it.
ALTER TABLE hub_project_item ADD COLUMN warn_on DATE;
ALTER TABLE hub_project_item ADD COLUMN warned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hub_project_item ADD COLUMN escalated_at TIMESTAMP WITH TIME ZONE;
