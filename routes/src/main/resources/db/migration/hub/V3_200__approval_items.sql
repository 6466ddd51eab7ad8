-- Steps 4-7 of the parallel approval flow.
-- A department concerned by a coded project answers with its item list (or "not needed") within its limit.
CREATE TABLE hub_item_list (
    project_code     VARCHAR(32)  NOT NULL,
    department_code  VARCHAR(16)  NOT NULL,
    declaration_id   VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    due_by           DATE         NOT NULL,
    body_sha256      VARCHAR(64),
    answered_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (project_code, department_code)
);

CREATE TABLE hub_project_item (
    project_code      VARCHAR(32)  NOT NULL,
    item_code         VARCHAR(64)  NOT NULL,
    department_code   VARCHAR(16)  NOT NULL,
    item_name         VARCHAR(200) NOT NULL,
    time_limit_days   INTEGER      NOT NULL,
    stage             VARCHAR(20)  NOT NULL,
    prerequisites     VARCHAR(1000),
    status            VARCHAR(16)  NOT NULL,
    submitted_at      TIMESTAMP WITH TIME ZONE,
    review_due_by     DATE,
    returned_on       DATE,
    review_days_left  INTEGER,
    paused_days       INTEGER      NOT NULL,
    return_count      INTEGER      NOT NULL,
    return_reasons    VARCHAR(1000),
    accepted_at       TIMESTAMP WITH TIME ZONE,
    due_by            DATE,
    decision          VARCHAR(16),
    document_number   VARCHAR(100),
    document_date     DATE,
    opinion           VARCHAR(1000),
    decided_by        VARCHAR(32),
    decided_at        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (project_code, item_code)
);

CREATE TABLE hub_material_submission (
    submission_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    project_code   VARCHAR(32)  NOT NULL,
    body_sha256    VARCHAR(64)  NOT NULL,
    item_codes     VARCHAR(2000) NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
