#!/usr/bin/env bash
# Benchmark of the code-assignment function (figures, not a test). From the repository root:
#   functions/code-assignment/bench.sh            # H2 (the embedded default)
#   BENCH_DB=postgresql functions/code-assignment/bench.sh   # throughput on the machine's PostgreSQL too
#   SKIP_THROUGHPUT=1 RUNS=9 functions/code-assignment/bench.sh   # start-up only
#   VARIANTS=1 ...                                             # start-up with AppCDS and with C1 + Serial GC too
# 1. Throughput: codes/s at 1 and 64 concurrent callers beside the same database's raw single-row insert rate
#    (CodeAssignmentBenchmark, run by the Maven profile "bench").
# 2. Start-up: JVM start to the first answered POST /assignCode of the packaged HTTP jar (quarkus-run.jar, on a free
#    port, its own H2 file), beside a bare main() doing the same Jackson parse. Median of RUNS launches. With
#    VARIANTS=1 also: the JVM options -XX:TieredStopAtLevel=1 -XX:+UseSerialGC (C1 only, the serial collector), and the
#    jar repackaged with Quarkus' AppCDS archive (quarkus.package.jar.appcds.enabled, -XX:SharedArchiveFile), alone and
#    with those options; and a dynamic archive from a training run (-XX:ArchiveClassesAtExit after one start and one
#    answered request: Quarkus' archive has only the classes its build-time start loads, about half); the same with the
#    jar packaged as aot-jar (every jar on the JVM's class path, so that the archive holds the libraries' classes too);
#    and, where a JDK 24 or later is found (AOT_JAVA_HOME, or under /usr/lib/jvm), its AOT cache from a training run
#    (-XX:AOTCacheOutput, JEP 483/514/515) beside a bare main() on that JDK. The plain jar is packaged again at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODULE=functions/code-assignment
RUNS=${RUNS:-5}

echo "== build (package, tests skipped)"
./mvnw -B -q -pl "$MODULE" -am install -DskipTests
./mvnw -B -q -pl "$MODULE" test-compile

if [ -z "${SKIP_THROUGHPUT:-}" ]; then
echo "== throughput"
PROFILES=bench
if [ "${BENCH_DB:-h2}" = postgresql ]; then PROFILES=bench,postgresql; fi
./mvnw -B -q -pl "$MODULE" -P"$PROFILES" verify -Dquarkus.log.level=WARN | sed -n '/=== code-assignment throughput ===/,/^$/p' || true
for f in "$MODULE"/target/bench-throughput-*.md; do [ -f "$f" ] && { echo "-- $f"; cat "$f"; }; done
fi

echo "== start-up"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
JAR="$MODULE/target/quarkus-app/quarkus-run.jar"
PAYLOAD="$MODULE/payload.json"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

launch() { # $1 = declarationId, then extra JVM options; prints ms from JVM start to the first 200 answer
  local id=$1 t0 pid code t1
  shift
  t0=$(now_ms)
  # from inside quarkus-app: an AppCDS archive names the jar's class path relative to it
  (cd "$(dirname "$JAR")" && exec "${JAVA_CMD:-java}" "$@" -Dquarkus.http.port="$PORT" \
       -Dquarkus.datasource.jdbc.url="jdbc:h2:file:$WORK/db;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
       -jar quarkus-run.jar) > "$WORK/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -u hub:sandbox -H 'Content-Type: application/json' \
      --data "{\"declarationId\":\"$id\",\"regionCode\":\"610113\",\"departmentCode\":\"89\",\"projectTypeCode\":\"01\"}" \
      "http://127.0.0.1:$PORT/assignCode" || true)
    if [ "$code" = 200 ]; then break; fi
    sleep 0.005
  done
  t1=$(now_ms)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  [ "$code" = 200 ] || { echo "no answer from the jar: see $WORK/app.log" >&2; cat "$WORK/app.log" >&2; exit 1; }
  grep -o 'started in [0-9.]*s' "$WORK/app.log" | head -1 | sed 's/started in //' >> "$WORK/quarkus-says"
  echo $(( t1 - t0 ))
}

BARE_CP="$MODULE/target/test-classes:$(ls "$MODULE"/target/quarkus-app/lib/main/com.fasterxml.jackson.core.jackson-*.jar \
  "$MODULE"/target/quarkus-app/lib/main/cn.approvalbridge.*.jar | tr '\n' ':')"
bare() {
  local t0 t1
  t0=$(now_ms)
  "${JAVA_CMD:-java}" -cp "$BARE_CP" cn.approvalbridge.codeassignment.BareJacksonMain "$PAYLOAD" > /dev/null
  t1=$(now_ms)
  echo $(( t1 - t0 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

launch "bench-warmup-$$" > /dev/null   # creates the schema (Flyway) and warms the file cache; not counted
: > "$WORK/quarkus-says"
APP=(); BARE=()
for i in $(seq 1 "$RUNS"); do
  APP+=("$(launch "bench-start-$$-$i")")
  BARE+=("$(bare)")
done
APP_MED=$(printf '%s\n' "${APP[@]}" | median)
BARE_MED=$(printf '%s\n' "${BARE[@]}" | median)
echo "| measure (median of $RUNS, ms) | value | runs |"
echo "|---|---:|---|"
echo "| JVM start → first answered POST /assignCode (quarkus-run.jar, H2) | $APP_MED | ${APP[*]} |"
echo "| JVM start → exit, bare main() with the same Jackson parse | $BARE_MED | ${BARE[*]} |"
echo "| difference (what Quarkus, the schema check, H2 and the first request cost) | $(( APP_MED - BARE_MED )) | |"
echo "| ratio, jar / bare main() (goal ≤ 3) | $(awk -v a="$APP_MED" -v b="$BARE_MED" 'BEGIN {printf "%.1f", a / b}') | |"
echo "| Quarkus' own \"started in\" (s) | | $(tr '\n' ' ' < "$WORK/quarkus-says")|"

variant() { # $1 = label, then JVM options: a row beside the bare main() on the same JVM (ratio to its median)
  local label=$1 runs=() med
  shift
  for i in $(seq 1 "$RUNS"); do runs+=("$(launch "bench-start-$$-${label//[^A-Za-z0-9]/}-$i" "$@")"); done
  med=$(printf '%s\n' "${runs[@]}" | median)
  echo "| $label | $med ($(awk -v a="$med" -v b="${VARIANT_BARE_MED:-$BARE_MED}" 'BEGIN {printf "%.1f", a / b}')x the bare main) | ${runs[*]} |"
}
# A JDK 24 or later for the AOT cache rows (JEP 483/514/515): AOT_JAVA_HOME, else the newest such JDK under /usr/lib/jvm.
aot_java() {
  local candidate
  for candidate in ${AOT_JAVA_HOME:-} $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -XX:AOTMode=off -version >/dev/null 2>&1; then
      echo "${candidate%/}/bin/java"; return
    fi
  done
}
if [ -n "${VARIANTS:-}" ]; then
  C1="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
  variant "C1 + Serial GC" $C1
  # a dynamic archive of every class one start and one answered request load (JDK 13+), dumped when the JVM exits
  launch "bench-train-$$" -XX:ArchiveClassesAtExit="$WORK/trained.jsa" > /dev/null
  variant "AppCDS from a training run" -XX:SharedArchiveFile="$WORK/trained.jsa"
  variant "AppCDS from a training run + C1 + Serial GC" -XX:SharedArchiveFile="$WORK/trained.jsa" $C1
  # (before Quarkus' AppCDS build below: run after it, the aot-jar's trained AppCDS rows on JDK 17 came out twice as
  # slow in three runs out of three, the first request spending about a second in its bcrypt check; cause not found)
  # The aot-jar packaging puts every jar on the JVM's class path (the manifest's Class-Path), so the archive holds the
  # application's and the libraries' classes too: with the fast-jar, Quarkus' own class loader loads them and CDS
  # archives none of those.
  echo "== repackaging as aot-jar" >&2
  ./mvnw -B -q -pl "$MODULE" package -DskipTests -Dquarkus.package.jar.type=aot-jar
  variant "aot-jar, no archive"
  launch "bench-train-aotjar-$$" -XX:ArchiveClassesAtExit="$WORK/aotjar.jsa" > /dev/null
  variant "aot-jar + AppCDS from a training run" -XX:SharedArchiveFile="$WORK/aotjar.jsa"
  variant "aot-jar + AppCDS from a training run + C1 + Serial GC" -XX:SharedArchiveFile="$WORK/aotjar.jsa" $C1
  AOT_JAVA=$(aot_java)
  if [ -n "$AOT_JAVA" ]; then
    # the same rows on that JDK, beside the bare main() on the same JDK
    export JAVA_CMD=$AOT_JAVA
    BARE_AOT=(); for i in $(seq 1 "$RUNS"); do BARE_AOT+=("$(bare)"); done
    VARIANT_BARE_MED=$(printf '%s\n' "${BARE_AOT[@]}" | median)
    JDK_LABEL="JDK $("$AOT_JAVA" -XX:AOTMode=off -version 2>&1 | head -1 | sed 's/.*version "\([^"]*\)".*/\1/')"
    echo "| $JDK_LABEL: bare main() | $VARIANT_BARE_MED | ${BARE_AOT[*]} |"
    variant "$JDK_LABEL: aot-jar, no archive"
    # one start and one answered request recorded, the cache assembled when the JVM exits (JEP 514)
    launch "bench-train-aot-$$" -XX:AOTCacheOutput="$WORK/app.aot" > /dev/null
    variant "$JDK_LABEL: aot-jar + AOT cache from a training run" -XX:AOTCache="$WORK/app.aot"
    variant "$JDK_LABEL: aot-jar + AOT cache from a training run + C1 + Serial GC" -XX:AOTCache="$WORK/app.aot" $C1
    unset JAVA_CMD VARIANT_BARE_MED
  else
    echo "| AOT cache (JDK 24 or later) | no such JDK: set AOT_JAVA_HOME | |"
  fi
  echo "== repackaging with the AppCDS archive" >&2
  ./mvnw -B -q -pl "$MODULE" package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
  variant "AppCDS" -XX:SharedArchiveFile=app-cds.jsa
  variant "AppCDS + C1 + Serial GC" -XX:SharedArchiveFile=app-cds.jsa $C1
  ./mvnw -B -q -pl "$MODULE" package -DskipTests
fi
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores; other builds share them)"
