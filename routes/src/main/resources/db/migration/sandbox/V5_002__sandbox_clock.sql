-- The sandbox clock's shift (POST /sandbox/clock), one row, so that a restarted embedded hub keeps the rehearsal's time.
CREATE TABLE hub_sandbox_clock (
    id             INTEGER PRIMARY KEY,
    shift_seconds  BIGINT  NOT NULL
);
