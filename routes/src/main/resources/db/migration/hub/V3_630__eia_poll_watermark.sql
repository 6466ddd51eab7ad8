-- How far the hub has polled the EIA system (环评统建系统) for results: the latest publishedAt it has taken, shared by
-- the replicas (only moves up). SQL accepted by H2 2.4 and PostgreSQL.
CREATE TABLE hub_eia_poll_watermark (
    consumer    VARCHAR(64)              NOT NULL PRIMARY KEY,
    since_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
