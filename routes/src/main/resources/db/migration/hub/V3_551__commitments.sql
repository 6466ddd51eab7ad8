-- Commitment-based approval (告知承诺制) and acceptance with missing materials (容缺受理), with their follow-up limits.
-- SQL accepted by H2 2.4 and PostgreSQL.

-- What a department's item list says of an item beyond the catalogue (null: the catalogue's value).
CREATE TABLE hub_item_terms (
    project_code         VARCHAR(32)  NOT NULL,
    item_code            VARCHAR(64)  NOT NULL,
    commitment_allowed   BOOLEAN,
    check_working_days   INTEGER,
    deferrable_materials VARCHAR(4000),
    PRIMARY KEY (project_code, item_code)
);

-- One signed commitment per project and item, and its follow-up check (核查) once approved on it.
CREATE TABLE hub_commitment (
    project_code     VARCHAR(32)  NOT NULL,
    item_code        VARCHAR(64)  NOT NULL,
    declaration_id   VARCHAR(64)  NOT NULL,
    department_code  VARCHAR(16)  NOT NULL,
    document_ref     VARCHAR(500) NOT NULL,
    text_version     VARCHAR(32)  NOT NULL,
    body_sha256      VARCHAR(64)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    submitted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    approved_at      TIMESTAMP WITH TIME ZONE,
    check_due_by     DATE,
    check_warn_on    DATE,
    check_warned_at  TIMESTAMP WITH TIME ZONE,
    check_escalated_at TIMESTAMP WITH TIME ZONE,
    check_outcome    VARCHAR(8),
    check_reasons    VARCHAR(1000),
    checked_at       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (project_code, item_code)
);

-- Materials accepted missing (容缺): each named material owed by its day, supplied or not.
CREATE TABLE hub_shortfall (
    project_code     VARCHAR(32)  NOT NULL,
    item_code        VARCHAR(64)  NOT NULL,
    material         VARCHAR(200) NOT NULL,
    declaration_id   VARCHAR(64)  NOT NULL,
    department_code  VARCHAR(16)  NOT NULL,
    due_by           DATE         NOT NULL,
    warn_on          DATE         NOT NULL,
    supplied_at      TIMESTAMP WITH TIME ZONE,
    warned_at        TIMESTAMP WITH TIME ZONE,
    escalated_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (project_code, item_code, material)
);
