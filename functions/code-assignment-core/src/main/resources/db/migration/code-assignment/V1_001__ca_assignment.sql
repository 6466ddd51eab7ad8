-- One row per declaration that got a project code. SQL accepted by H2 2.4 and PostgreSQL alike.
-- The database, not the application, guarantees the two promises of the contract:
--   * a declaration gets one code (primary key on declaration_id: the idempotency key);
--   * no code is ever issued twice (unique constraint on project_code).
-- code_prefix (YYMM-RRRRRR-DD-TT) lets the service see which of the 100000 serials of a prefix are taken.
CREATE TABLE ca_assignment (
    declaration_id    VARCHAR(64)              NOT NULL,
    project_code      VARCHAR(24)              NOT NULL,
    code_prefix       VARCHAR(17)              NOT NULL,
    region_code       VARCHAR(6)               NOT NULL,
    department_code   VARCHAR(2)               NOT NULL,
    project_type_code VARCHAR(2)               NOT NULL,
    assigned_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ca_assignment_pk PRIMARY KEY (declaration_id),
    CONSTRAINT ca_assignment_code_uk UNIQUE (project_code)
);

CREATE INDEX ca_assignment_prefix_ix ON ca_assignment (code_prefix);
