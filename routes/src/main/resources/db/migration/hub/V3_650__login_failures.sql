-- Failed logins (wrong passwords, refused client certificates, wrong status-page tokens and SMS-receipt keys) counted
-- per client address across every replica (LoginLimiter), so that N replicas behind the load balancer do not give an
-- attacker N times the attempts. hub_login_failure: an address's failures per time slice (hub.logins.window-seconds / 6),
-- added up by a conditional UPDATE (or the first INSERT) so concurrent failures on several replicas lose no count;
-- hub_login_block: an address answered 429 until blocked_until. Slices and blocks past their time are deleted.
-- Real time (epoch seconds / milliseconds), never the sandbox's shifted clock. SQL accepted by H2 2.4 and PostgreSQL.
CREATE TABLE hub_login_failure (
    limit_key  VARCHAR(100) NOT NULL,
    time_slice BIGINT       NOT NULL,
    failures   INTEGER      NOT NULL,
    PRIMARY KEY (limit_key, time_slice)
);
CREATE INDEX hub_login_failure_slice ON hub_login_failure (time_slice);

CREATE TABLE hub_login_block (
    limit_key      VARCHAR(100) NOT NULL PRIMARY KEY,
    blocked_until  BIGINT       NOT NULL
);
