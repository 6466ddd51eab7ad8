-- Utility connection: one joint application to the water, power, gas, heating and telecom providers.
-- Versions V3_100+ keep clear of the hub core's V3_0xx; SQL accepted by H2 2.4 and PostgreSQL.

-- One row per joint application (一单申请): the canonical form and the joint survey (一次踏勘).
CREATE TABLE hub_utility_application (
    application_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    declaration_id   VARCHAR(64)  NOT NULL,
    project_code     VARCHAR(24)  NOT NULL,
    body_sha256      VARCHAR(64)  NOT NULL,
    body             TEXT         NOT NULL,
    unit_mobile      VARCHAR(11)  NOT NULL,
    early_stage      BOOLEAN      NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    survey_status    VARCHAR(16)  NOT NULL,
    survey_date      DATE,
    survey_fixed_at  TIMESTAMP WITH TIME ZONE,
    survey_unsuited  VARCHAR(100)
);
CREATE INDEX hub_utility_application_project ON hub_utility_application (project_code);

-- One row per selected utility: where the provider stands, and the working-day limit of the step it owes.
CREATE TABLE hub_utility_request (
    application_id   VARCHAR(64)  NOT NULL,
    utility          VARCHAR(8)   NOT NULL,
    state            VARCHAR(24)  NOT NULL,
    state_since      TIMESTAMP WITH TIME ZONE NOT NULL,
    reason           VARCHAR(1000),
    provider_survey_date DATE,
    availability     VARCHAR(2000),
    availability_at  TIMESTAMP WITH TIME ZONE,
    requested_at     TIMESTAMP WITH TIME ZONE,
    survey_sent_at   TIMESTAMP WITH TIME ZONE,
    step             VARCHAR(16),
    step_since       TIMESTAMP WITH TIME ZONE,
    due_by           DATE,
    warn_on          DATE,
    warned_at        TIMESTAMP WITH TIME ZONE,
    escalated_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (application_id, utility)
);
CREATE INDEX hub_utility_request_due ON hub_utility_request (step, due_by);
