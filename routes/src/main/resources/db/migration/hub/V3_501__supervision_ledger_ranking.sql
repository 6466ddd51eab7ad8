-- The whole-project limit (by class, see V3_500): when its warning and its escalation were raised, each once.
ALTER TABLE hub_declaration ADD COLUMN project_warned_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE hub_declaration ADD COLUMN project_escalated_at TIMESTAMP WITH TIME ZONE;
-- A message that carries its own stable id to the consumer (HubMessageId), so that a re-sent row is recognised as the
-- same message downstream. Null: the consumer keys on the body (every message written before this column).
ALTER TABLE hub_outbox ADD COLUMN message_id VARCHAR(100);
-- The monthly ranking of departments (排队通报), fixed on the 10th of the next month: kept as answered then.
CREATE TABLE hub_department_ranking (
    ranking_month  VARCHAR(7)   NOT NULL PRIMARY KEY,
    body           TEXT         NOT NULL,
    fixed_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
