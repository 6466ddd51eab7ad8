-- Least-privilege database users: one per function and one for the hub, each owning its own schema and nothing else.
-- Run once per database as its administrator (the RDS master user, the postgres superuser), before the first deploy;
-- safe to run again (it only creates what is missing and resets the passwords):
--
--   psql "host=<endpoint> dbname=<DbName> user=<master>" -v ON_ERROR_STOP=1 \
--        -v hub_password="$HUB_DB_PASSWORD" -v ca_password="$CA_DB_PASSWORD" -v rn_password="$RN_DB_PASSWORD" \
--        -f infra/db/users.sql
--
-- Passwords: 32+ random characters each (`openssl rand -base64 32`), kept in each component's own secret (infra/README,
-- "Database users"). Each application then connects as its user with ?currentSchema=<its schema> and Flyway creates its
-- tables there (the schema's owner may create in it; nobody else may even look into it).
--
--   user                      schema               tables (its Flyway migrations)
--   ab_hub                    hub                  hub_*, the staging copy, sandbox_* (and the function cores' tables
--                                                  the hub creates for its embedded mode, unused under cloud)
--   ab_code_assignment        code_assignment      ca_assignment
--   ab_result_notification    result_notification  rn_* (the notification ledger)

\set ON_ERROR_STOP on

-- nobody creates in public, nor connects, unless granted below
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec

SELECT format('CREATE ROLE %I LOGIN', r) FROM unnest(ARRAY['ab_hub', 'ab_code_assignment', 'ab_result_notification']) r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec

ALTER ROLE ab_hub WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'hub_password';
ALTER ROLE ab_code_assignment WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'ca_password';
ALTER ROLE ab_result_notification WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'rn_password';

SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO ab_hub, ab_code_assignment, ab_result_notification',
              current_database()) \gexec

-- The administrator must be able to hand a schema to its user (on RDS the master is no superuser: it becomes a member).
SELECT format('GRANT %I TO %I', r, current_user) FROM unnest(ARRAY['ab_hub', 'ab_code_assignment', 'ab_result_notification']) r
WHERE NOT pg_has_role(current_user, r, 'MEMBER') \gexec

CREATE SCHEMA IF NOT EXISTS hub AUTHORIZATION ab_hub;
CREATE SCHEMA IF NOT EXISTS code_assignment AUTHORIZATION ab_code_assignment;
CREATE SCHEMA IF NOT EXISTS result_notification AUTHORIZATION ab_result_notification;
-- a schema made earlier by someone else (the master, before this script) changes hands, with what it holds
ALTER SCHEMA hub OWNER TO ab_hub;
ALTER SCHEMA code_assignment OWNER TO ab_code_assignment;
ALTER SCHEMA result_notification OWNER TO ab_result_notification;
REVOKE ALL ON SCHEMA hub, code_assignment, result_notification FROM PUBLIC;

ALTER ROLE ab_hub SET search_path = hub;
ALTER ROLE ab_code_assignment SET search_path = code_assignment;
ALTER ROLE ab_result_notification SET search_path = result_notification;
