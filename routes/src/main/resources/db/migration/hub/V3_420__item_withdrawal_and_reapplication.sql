-- 撤回 and applying again: an item's application may be withdrawn by the unit (through the window) before it is
-- decided, and a withdrawn or refused item may be applied for again. application_no counts the applications of the
-- item on the project; each is its own item instance in the staging tables (SPSXSLBM), so the province sees a new
-- application instead of a rewrite of the old one. The row holds the current application; the trail keeps the earlier.
ALTER TABLE hub_project_item ADD COLUMN application_no INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE hub_project_item ADD COLUMN withdrawn_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hub_project_item ADD COLUMN withdrawal_reason VARCHAR(1000);
