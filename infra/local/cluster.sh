#!/usr/bin/env bash
# The production topology on one machine: a standalone ActiveMQ Artemis broker in its own JVM and HUB_REPLICAS hub
# replicas sharing it and one PostgreSQL, each with the embedded default's sandbox partners and functions in-process.
#
#   infra/local/cluster.sh up       start what is not running yet (broker, then the replicas), wait until all are ready
#   infra/local/cluster.sh status   one line per process it started, and whether it is alive
#   infra/local/cluster.sh down     stop exactly what it started (its pid files), replicas first
#
# Environment (defaults in brackets): CLUSTER_DATA_DIR [./data/cluster], BROKER_PORT [61616], HUB_REPLICAS [2],
# HUB_BASE_PORT [8081: replica 1 on 8081, replica 2 on 8082, ...], DB_JDBC_URL
# [jdbc:postgresql://127.0.0.1:5432/test?currentSchema=hubcluster], DB_USERNAME [postgres], DB_PASSWORD [none],
# STAGING_DB_KIND/_JDBC_URL/_USERNAME/_PASSWORD [the same PostgreSQL, schema <schema>_staging], HUB_JAR
# [routes/target/quarkus-app/quarkus-run.jar], HUB_JAVA_OPTS [-Xmx512m] (extra JVM options and -D settings for every
# replica), ARTEMIS_VERSION [2.40.0], CLUSTER_START_TIMEOUT [240 s].
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLUSTER_DATA_DIR=${CLUSTER_DATA_DIR:-./data/cluster}
BROKER_PORT=${BROKER_PORT:-61616}
HUB_REPLICAS=${HUB_REPLICAS:-2}
HUB_BASE_PORT=${HUB_BASE_PORT:-8081}
DB_JDBC_URL=${DB_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test?currentSchema=hubcluster}
DB_USERNAME=${DB_USERNAME:-postgres}
HUB_JAR=${HUB_JAR:-$ROOT/routes/target/quarkus-app/quarkus-run.jar}
HUB_JAVA_OPTS=${HUB_JAVA_OPTS:--Xmx512m}
ARTEMIS_VERSION=${ARTEMIS_VERSION:-2.40.0}
CLUSTER_START_TIMEOUT=${CLUSTER_START_TIMEOUT:-240}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

mkdir -p "$CLUSTER_DATA_DIR"
DATA=$(cd "$CLUSTER_DATA_DIR" && pwd)
PIDS=$DATA/pids
BROKER_DIR=$DATA/broker
mkdir -p "$PIDS"

say() { echo "cluster: $*" >&2; }
fail() { say "$*"; exit 1; }

# A pid file's process, if it is still the one this script started (its command line names this cluster's data dir).
alive() {
  local file=$1 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$DATA" || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

replica_port() { echo $((HUB_BASE_PORT + $1 - 1)); }

# ---- broker --------------------------------------------------------------------------------------------------------
artemis_home() {
  local cache=$DATA/cache home
  home=$cache/apache-artemis-$ARTEMIS_VERSION
  if [ ! -x "$home/bin/artemis" ]; then
    local tgz=$cache/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz
    if [ ! -f "$tgz" ]; then
      say "fetching org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:bin through the Maven wrapper"
      local artifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin
      (cd "$ROOT" && { ./mvnw -B -q -o dependency:copy -Dartifact="$artifact" -DoutputDirectory="$cache" >/dev/null 2>&1 \
        || ./mvnw -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$cache"; }) >&2 \
        || fail "could not fetch Apache Artemis $ARTEMIS_VERSION"
    fi
    tar -xzf "$tgz" -C "$cache"
  fi
  echo "$home"
}

create_broker() {
  local home=$1 password
  # a password of its own, made once, kept beside the broker (never in this script or on a command line of the hubs)
  umask 077
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$DATA/broker-password"
  password=$(cat "$DATA/broker-password")
  "$home/bin/artemis" create "$BROKER_DIR" --silent --force --no-web --nio --no-autotune --require-login \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --host 127.0.0.1 --default-port "$BROKER_PORT" --user hub --password "$password" --java-memory 512M >/dev/null
  # as the embedded broker: redelivery is the hub's job, the broker's is a slow safety net that never drops a message;
  # no critical analyzer halting the broker on a loaded machine
  sed -i -e '/<address-setting match="#">/,/<\/address-setting>/ s#<redelivery-delay>0</redelivery-delay>#<redelivery-delay>5000</redelivery-delay><max-delivery-attempts>-1</max-delivery-attempts>#' \
    -e 's#<critical-analyzer>true</critical-analyzer>#<critical-analyzer>false</critical-analyzer>#' \
    "$BROKER_DIR/etc/broker.xml"
  echo "$BROKER_PORT" >"$DATA/broker-port"
}

start_broker() {
  local pid
  if pid=$(alive "$PIDS/broker.pid"); then
    echo "broker pid $pid port $(cat "$DATA/broker-port")"
    return
  fi
  if [ ! -f "$BROKER_DIR/etc/broker.xml" ]; then
    create_broker "$(artemis_home)"
  fi
  BROKER_PORT=$(cat "$DATA/broker-port")
  port_open "$BROKER_PORT" && fail "port $BROKER_PORT is taken by another process (set BROKER_PORT)"
  # bin/artemis execs the JVM: $! is the broker's own pid
  nohup "$BROKER_DIR/bin/artemis" run >"$BROKER_DIR/log/console.log" 2>&1 &
  echo $! >"$PIDS/broker.pid"
  local until=$((SECONDS + CLUSTER_START_TIMEOUT))
  until port_open "$BROKER_PORT"; do
    kill -0 "$(cat "$PIDS/broker.pid")" 2>/dev/null || fail "the broker exited; see $BROKER_DIR/log/"
    [ $SECONDS -lt $until ] || fail "the broker did not listen on $BROKER_PORT within $CLUSTER_START_TIMEOUT s"
    sleep 0.5
  done
  echo "broker pid $(cat "$PIDS/broker.pid") port $BROKER_PORT"
}

# ---- replicas ------------------------------------------------------------------------------------------------------
schema_of() { sed -n 's/.*[?&]currentSchema=\([^&]*\).*/\1/p' <<<"$1"; }

start_replica() {
  local n=$1 port dir schema pid
  port=$(replica_port "$n")
  dir=$DATA/replica-$n
  mkdir -p "$dir"
  if pid=$(alive "$PIDS/replica-$n.pid"); then
    return
  fi
  port_open "$port" && fail "port $port (replica $n) is taken by another process (set HUB_BASE_PORT)"
  schema=$(schema_of "$DB_JDBC_URL")
  local props=(
    "-Dhub.cluster.member=$dir"
    "-Dquarkus.http.port=$port"
    # only the store, the broker and the staging database change; the sandbox, its identities and the functions
    # in-process stay as on the embedded default
    "-Dquarkus.datasource.active=false" "-Dquarkus.datasource.postgresql.active=true"
    "-Dquarkus.datasource.postgresql.jdbc.url=$DB_JDBC_URL" "-Dquarkus.datasource.postgresql.username=$DB_USERNAME"
    "-Dhub.broker.kind=artemis" "-Dhub.broker.url=tcp://127.0.0.1:$(cat "$DATA/broker-port")" "-Dhub.broker.username=hub"
    # one heating company: every replica's sandbox SFTP server serves the same directory
    "-Dhub.sandbox.utilities.sftp.root=$DATA/sandbox-sftp"
  )
  [ -n "$schema" ] && props+=("-Dquarkus.flyway.postgresql.schemas=$schema")
  if [ -z "${STAGING_DB_JDBC_URL:-}" ]; then
    local staging=${schema:-public}_staging
    local url
    if [ -n "$schema" ]; then
      url=${DB_JDBC_URL/currentSchema=$schema/currentSchema=$staging}
    else
      url=$DB_JDBC_URL$([[ $DB_JDBC_URL == *\?* ]] && echo '&' || echo '?')currentSchema=$staging
    fi
    props+=("-Dhub.staging.db-kind=postgresql" "-Dquarkus.datasource.staging-postgresql.jdbc.url=$url"
      "-Dquarkus.datasource.staging-postgresql.username=$DB_USERNAME"
      "-Dquarkus.flyway.staging-postgresql.schemas=$staging")
  fi
  # secrets through the environment, not the command line (which ps shows)
  # shellcheck disable=SC2086
  (
    cd "$dir"
    [ -n "${DB_PASSWORD:-}" ] && export QUARKUS_DATASOURCE_POSTGRESQL_PASSWORD=$DB_PASSWORD
    [ -z "${STAGING_DB_JDBC_URL:-}" ] && [ -n "${DB_PASSWORD:-}" ] && export STAGING_DB_PASSWORD=$DB_PASSWORD
    HUB_BROKER_PASSWORD=$(cat "$DATA/broker-password")
    export HUB_BROKER_PASSWORD
    # the subshell becomes nohup, nohup becomes the JVM: $! is the replica's own pid
    exec nohup "$JAVA" $HUB_JAVA_OPTS "${props[@]}" -jar "$HUB_JAR" >>"$dir/hub.log" 2>&1
  ) &
  echo $! >"$PIDS/replica-$n.pid"
}

wait_replica() {
  local n=$1 port until
  port=$(replica_port "$n")
  until=$((SECONDS + CLUSTER_START_TIMEOUT))
  while true; do
    local pid
    # kill -0, not alive(): a replica just started may not have exec'ed its JVM yet (its command line is still ours)
    pid=$(cat "$PIDS/replica-$n.pid")
    kill -0 "$pid" 2>/dev/null || fail "replica $n exited at start; see $DATA/replica-$n/hub.log"
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" || true)" = 200 ]; then
      echo "replica $n pid $pid port $port"
      return
    fi
    [ $SECONDS -lt $until ] || fail "replica $n not ready within $CLUSTER_START_TIMEOUT s; see $DATA/replica-$n/hub.log"
    sleep 1
  done
}

up() {
  [ -f "$HUB_JAR" ] || fail "no packaged hub at $HUB_JAR: build it first with ./mvnw -B package -DskipTests"
  command -v curl >/dev/null || fail "curl is needed to wait for the replicas"
  start_broker
  # the first replica migrates the shared schema alone; the others start together once it is ready
  start_replica 1
  wait_replica 1
  local n
  for n in $(seq 2 "$HUB_REPLICAS"); do
    start_replica "$n"
  done
  for n in $(seq 2 "$HUB_REPLICAS"); do
    wait_replica "$n"
  done
}

status() {
  local f pid
  for f in "$PIDS"/replica-*.pid "$PIDS"/broker.pid; do
    [ -f "$f" ] || continue
    local name
    name=$(basename "$f" .pid)
    if pid=$(alive "$f"); then
      echo "$name pid $pid alive"
    else
      echo "$name pid $(cat "$f") not running"
    fi
  done
}

stop() {
  local f=$1 pid
  if pid=$(alive "$f"); then
    kill -TERM "$pid"
    local until=$((SECONDS + 30))
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $until ]; do sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    say "stopped $(basename "$f" .pid) (pid $pid)"
  fi
  rm -f "$f"
}

down() {
  local f
  for f in "$PIDS"/replica-*.pid; do
    [ -f "$f" ] && stop "$f" &
  done
  wait
  stop "$PIDS/broker.pid"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
