-- The hub's state. Tables prefixed hub_; SQL accepted by H2 2.4 and PostgreSQL. The sandbox partners' tables are not
-- here: db/migration/sandbox, applied by the embedded default only.

-- One row per declaration: the canonical body and where it stands in the flow.
CREATE TABLE hub_declaration (
    declaration_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    body_sha256        VARCHAR(64)  NOT NULL,
    body               TEXT         NOT NULL,
    project_name       VARCHAR(200) NOT NULL,
    region_code        VARCHAR(6)   NOT NULL,
    department_code    VARCHAR(2)   NOT NULL,
    project_type_code  VARCHAR(2)   NOT NULL,
    unit_mobile        VARCHAR(11)  NOT NULL,
    status             VARCHAR(32)  NOT NULL,
    received_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    pre_review_due_by  DATE         NOT NULL,
    project_code       VARCHAR(24),
    code_assigned_at   TIMESTAMP WITH TIME ZONE,
    platform_registered_at TIMESTAMP WITH TIME ZONE,
    decided_at         TIMESTAMP WITH TIME ZONE,
    failure            VARCHAR(1000),
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX hub_declaration_project_code ON hub_declaration (project_code);

-- The aggregation state: one row per department asked for its pre-review opinion.
CREATE TABLE hub_department_review (
    declaration_id   VARCHAR(64)  NOT NULL,
    department_code  VARCHAR(16)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    due_by           DATE         NOT NULL,
    warn_on          DATE         NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE,
    decision         VARCHAR(8),
    opinion          VARCHAR(1000),
    answered_at      TIMESTAMP WITH TIME ZONE,
    warned_at        TIMESTAMP WITH TIME ZONE,
    escalated_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (declaration_id, department_code)
);
CREATE INDEX hub_department_review_pending ON hub_department_review (status, due_by);

-- Every inbound message, stored before it is acknowledged.
CREATE TABLE hub_inbound_message (
    message_id      VARCHAR(100) NOT NULL PRIMARY KEY,
    source_system   VARCHAR(64)  NOT NULL,
    kind            VARCHAR(64)  NOT NULL,
    declaration_id  VARCHAR(64)  NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    body            TEXT         NOT NULL
);

-- Transactional outbox: written in the same transaction as the state it announces, relayed to the broker after commit.
CREATE TABLE hub_outbox (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    queue_name  VARCHAR(100) NOT NULL,
    body        TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX hub_outbox_unsent ON hub_outbox (sent_at, created_at);

-- Idempotent consumers: a step's key is written once its side effect is done.
CREATE TABLE hub_processed_message (
    consumer      VARCHAR(64)  NOT NULL,
    message_key   VARCHAR(200) NOT NULL,
    processed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, message_key)
);

-- Dead letters, listed and replayed by operators.
CREATE TABLE hub_dead_letter (
    id             VARCHAR(36)   NOT NULL PRIMARY KEY,
    partner        VARCHAR(64)   NOT NULL,
    source_queue   VARCHAR(100)  NOT NULL,
    dead_letter_queue VARCHAR(100) NOT NULL,
    body           TEXT          NOT NULL,
    reason         VARCHAR(2000),
    failed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    replayed_at    TIMESTAMP WITH TIME ZONE,
    replay_count   INTEGER       NOT NULL
);

-- The trail: append-only and hash-chained per declaration; payloads beside it so they can be purged.
CREATE TABLE hub_trail_entry (
    entry_id        VARCHAR(36)  NOT NULL PRIMARY KEY,
    declaration_id  VARCHAR(64)  NOT NULL,
    seq             INTEGER      NOT NULL,
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    direction       VARCHAR(3)   NOT NULL,
    partner         VARCHAR(64)  NOT NULL,
    kind            VARCHAR(64)  NOT NULL,
    payload_sha256  VARCHAR(64)  NOT NULL,
    prev_sha256     VARCHAR(64)  NOT NULL,
    entry_sha256    VARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX hub_trail_entry_seq ON hub_trail_entry (declaration_id, seq);

CREATE TABLE hub_trail_payload (
    entry_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    payload    TEXT,
    purged_at  TIMESTAMP WITH TIME ZONE
);
