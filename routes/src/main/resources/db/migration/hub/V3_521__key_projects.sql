-- Key projects (重点项目, hub_declaration.key_project): the unit's monthly progress as the window reports it, and the
-- month's row of 一项目一表 fixed for the key-project platform once per project and month (the claim is the insert).
CREATE TABLE hub_key_project_progress (
    project_code          VARCHAR(24)    NOT NULL,
    report_month          VARCHAR(7)     NOT NULL,
    physical_progress     VARCHAR(2000)  NOT NULL,
    investment_completed  DECIMAL(18, 4) NOT NULL,
    problems              VARCHAR(2000),
    body_sha256           VARCHAR(64)    NOT NULL,
    received_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_code, report_month)
);

CREATE TABLE hub_key_project_row (
    project_code      VARCHAR(24)  NOT NULL,
    report_month      VARCHAR(7)   NOT NULL,
    progress_missing  BOOLEAN      NOT NULL,
    fixed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    body              TEXT         NOT NULL,
    PRIMARY KEY (project_code, report_month)
);
