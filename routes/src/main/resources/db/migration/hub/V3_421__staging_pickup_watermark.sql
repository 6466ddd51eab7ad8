-- The pickup of decisions from the staging database reads only detail rows past its watermark (the highest LSH read,
-- less a look-back for rows committed out of serial order), plus the rows it could not take yet and keeps waiting
-- here. Both live in the store, not in a replica's memory: any replica continues where another stopped.
CREATE TABLE hub_staging_watermark (
    consumer    VARCHAR(64) NOT NULL PRIMARY KEY,
    last_lsh    BIGINT      NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE hub_staging_waiting (
    consumer    VARCHAR(64) NOT NULL,
    lsh         BIGINT      NOT NULL,
    since       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, lsh)
);
