-- The project unit's credit checks (信用信息自动核查): one per declaration and purpose (INTAKE, or the commitment a check
-- precedes), PENDING until the credit information system answers. SQL accepted by H2 2.4 and PostgreSQL.
CREATE TABLE hub_credit_check (
    declaration_id  VARCHAR(64)  NOT NULL,
    purpose         VARCHAR(64)  NOT NULL,
    status          VARCHAR(24)  NOT NULL,
    source          VARCHAR(64),
    record_id       VARCHAR(64),
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    checked_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (declaration_id, purpose)
);
