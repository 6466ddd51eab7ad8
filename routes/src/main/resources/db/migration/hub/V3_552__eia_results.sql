-- Results of the Ministry's EIA system (环评统建系统), each taken once by its resultId; HELD until the project reaches
-- its EIA item (listed, materials accepted). SQL accepted by H2 2.4 and PostgreSQL.
CREATE TABLE hub_eia_result (
    result_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    project_code     VARCHAR(32)   NOT NULL,
    body_sha256      VARCHAR(64)   NOT NULL,
    decision         VARCHAR(16)   NOT NULL,
    document_number  VARCHAR(100),
    document_date    DATE,
    opinion          VARCHAR(1000),
    canonical        VARCHAR(4000) NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    item_code        VARCHAR(64),
    reason           VARCHAR(500),
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX hub_eia_result_held ON hub_eia_result (status);
