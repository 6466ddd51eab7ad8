-- The sandbox partners' state: only the embedded default applies this location (quarkus.flyway.locations), never the
-- cloud profile, so a real deployment has no hub_sandbox_* table. Versions V5_xxx keep clear of the hub's V3_xxx and
-- the staging database's V4_xxx; SQL accepted by H2 2.4 and PostgreSQL.

-- What a simulated partner received, once per message, counting repeats (so a newcomer and the tests see the hand-off
-- at the partner): the departments' steps 4-7 messages, the utility providers' requests, the investment platform's
-- projects and approval results.
CREATE TABLE hub_sandbox_received (
    simulator       VARCHAR(32)  NOT NULL,
    partner         VARCHAR(16)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    subject         VARCHAR(64)  NOT NULL,
    message_key     VARCHAR(200) NOT NULL,
    body            TEXT         NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    times_received  INTEGER      NOT NULL,
    PRIMARY KEY (simulator, partner, kind, subject, message_key)
);
CREATE INDEX hub_sandbox_received_subject ON hub_sandbox_received (simulator, subject);

-- What a simulated partner will do, and when (a department's opinion, item list, review or decision, a provider's
-- answer), surviving a restart. work_key makes a redelivered message schedule the same work once.
CREATE TABLE hub_sandbox_pending_work (
    simulator   VARCHAR(32)   NOT NULL,
    work_key    VARCHAR(200)  NOT NULL,
    partner     VARCHAR(16)   NOT NULL,
    subject     VARCHAR(64)   NOT NULL,
    action      VARCHAR(24)   NOT NULL,
    payload     VARCHAR(2000),
    due_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at     TIMESTAMP WITH TIME ZONE,
    attempts    INTEGER       NOT NULL,
    PRIMARY KEY (simulator, work_key)
);
CREATE INDEX hub_sandbox_pending_work_due ON hub_sandbox_pending_work (simulator, done_at, due_at);
