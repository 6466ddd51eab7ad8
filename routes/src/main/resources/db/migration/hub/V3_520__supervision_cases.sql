-- The supervision chase (督查督办): every escalation opens one case in the 13710 supervision system; the department is
-- reminded (催办) every hub.supervision.reminder-every-days working days up to hub.supervision.max-reminders, then its
-- leadership is called to an interview (约谈); the case closes when the item is answered. Each step is claimed once by
-- a conditional update (reminders = n, interviewed_at IS NULL, closed_at IS NULL) in the transaction of its trail
-- entry and of the update for the supervision system.
CREATE TABLE hub_supervision_case (
    case_id            VARCHAR(40)   NOT NULL PRIMARY KEY,
    escalation_event   VARCHAR(300)  NOT NULL,
    declaration_id     VARCHAR(64)   NOT NULL,
    project_code       VARCHAR(24),
    project_name       VARCHAR(200)  NOT NULL,
    department_code    VARCHAR(64)   NOT NULL,
    subject            VARCHAR(500)  NOT NULL,
    due_by             DATE          NOT NULL,
    overdue_days       INTEGER       NOT NULL,
    opened_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    -- while this finds the watched row (claimed and still owed) the case stays open: the watch's own claim condition
    standing_sql       VARCHAR(2000) NOT NULL,
    standing_args      VARCHAR(2000) NOT NULL,
    supervisor_mobile  VARCHAR(20),
    reminders          INTEGER       NOT NULL,
    next_step_on       DATE          NOT NULL,
    last_seq           INTEGER       NOT NULL,
    interviewed_at     TIMESTAMP WITH TIME ZONE,
    closed_at          TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX hub_supervision_case_event ON hub_supervision_case (escalation_event);
CREATE INDEX hub_supervision_case_open ON hub_supervision_case (closed_at, next_step_on);
CREATE INDEX hub_supervision_case_declaration ON hub_supervision_case (declaration_id);

-- What the supervision system is told of a case, in order: OPENED (seq 0), REMINDER, INTERVIEW, CLOSED.
CREATE TABLE hub_supervision_update (
    case_id      VARCHAR(40)  NOT NULL,
    seq          INTEGER      NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    body         TEXT         NOT NULL,
    PRIMARY KEY (case_id, seq)
);

-- The supervision system's feedback on a case (instructions, the deadline it sets), once per feedback key.
CREATE TABLE hub_supervision_feedback (
    feedback_key    VARCHAR(100)  NOT NULL PRIMARY KEY,
    case_id         VARCHAR(40)   NOT NULL,
    declaration_id  VARCHAR(64)   NOT NULL,
    instructions    VARCHAR(2000) NOT NULL,
    deadline        DATE,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    body            TEXT          NOT NULL
);
CREATE INDEX hub_supervision_feedback_case ON hub_supervision_feedback (case_id);
