-- Replicas sharing this database take turns at the scheduled jobs: a lease per job (hub_lease), held by one replica at
-- a time and renewed on each tick, and a claim per file the heating company's SFTP poller takes (hub_file_claim).
-- Times are real time (never the sandbox's shifted clock). SQL accepted by H2 2.4 and PostgreSQL.
CREATE TABLE hub_lease (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner       VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A file being read (confirmed_at null: until expires_at, then another replica may take it over) or read (confirmed_at set).
CREATE TABLE hub_file_claim (
    file_key      VARCHAR(512) NOT NULL PRIMARY KEY,
    owner         VARCHAR(128) NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at  TIMESTAMP WITH TIME ZONE
);

-- Operators are told once per outage across replicas: the open outage of a partner, claimed by the first replica whose
-- breaker reports it, closed by the first that sees the partner answer again. seen_at: last real time a replica's
-- breaker still saw it down; an open outage nobody has seen for a while (its replicas gone) is over.
CREATE TABLE hub_partner_outage (
    partner       VARCHAR(64) NOT NULL PRIMARY KEY,
    down_since    TIMESTAMP WITH TIME ZONE NOT NULL,
    seen_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recovered_at  TIMESTAMP WITH TIME ZONE
);
