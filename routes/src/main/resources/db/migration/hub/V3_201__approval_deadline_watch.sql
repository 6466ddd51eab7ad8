-- Issue 5: early warning and escalation (预警, 督办) of the steps 4-7 limits, as for pre-review (V3_001): the day the
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

-- What the sandbox departments received from the hub on steps 4-7 (item-list requests, materials, prerequisite
-- results): one row per message id, counting repeats, so a newcomer (and the tests) see the hand-off at the department.
CREATE TABLE hub_sandbox_department_message (
    department_code  VARCHAR(16)   NOT NULL,
    message_id       VARCHAR(200)  NOT NULL,
    kind             VARCHAR(32)   NOT NULL,
    project_code     VARCHAR(32)   NOT NULL,
    body             VARCHAR(8000) NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    times_received   INTEGER       NOT NULL,
    PRIMARY KEY (department_code, message_id)
);
CREATE INDEX hub_sandbox_department_message_project ON hub_sandbox_department_message (project_code);
