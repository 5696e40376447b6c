#!/usr/bin/env bash
# Runs the benchmark harness (bench/Ktu.Bench) against a Release build of KTU.
#   --only WORD  only the scenarios whose name contains WORD (e.g. --only letters); the baselines always run
#   --quick      a short run
#   --postgres   (or KTU_BENCH_POSTGRES=1) the app and the insert baseline on a throw-away PostgreSQL
#                cluster instead of SQLite files; results go to bench/results/latest-postgres.*
set -euo pipefail
cd "$(dirname "$0")"

ARGS=()
POSTGRES="${KTU_BENCH_POSTGRES:-0}"
for a in "$@"; do
  if [ "$a" = "--postgres" ]; then POSTGRES=1; else ARGS+=("$a"); fi
done

dotnet build src/Ktu.Web/Ktu.Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/Ktu.Bench/Ktu.Bench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly

# A throw-away PostgreSQL cluster as in test.sh: temp dir, 127.0.0.1 on a free port, removed on exit;
# as root it belongs to the 'postgres' OS user (postgres refuses to run as root). Unlike test.sh it keeps
# fsync and synchronous_commit on, so a write is as durable as on SQLite with synchronous=FULL.
PG_DIR=""
PG_OS_USER=""
as_pg() {
  if [ -n "$PG_OS_USER" ]; then (cd "$PG_DIR" && runuser -u "$PG_OS_USER" -- "$@"); else (cd "$PG_DIR" && "$@"); fi
}
stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    [ ! -f "$PG_DIR/data/postmaster.pid" ] || as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
start_postgres() {
  PG_BIN="$(find /usr/lib/postgresql -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)." >&2; exit 1; }
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ktu-bench-pg.XXXXXX")"
  trap stop_postgres EXIT
  if [ "$(id -u)" -eq 0 ]; then
    PG_OS_USER=postgres
    id -u "$PG_OS_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
    chown "$PG_OS_USER" "$PG_DIR"
  fi
  chmod 700 "$PG_DIR"
  local password port attempt
  password="ktu-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" >"$PG_DIR/pwfile"
  [ -z "$PG_OS_USER" ] || chown "$PG_OS_USER" "$PG_DIR/pwfile"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U ktu --pwfile="$PG_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
  for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || continue
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_DIR -c max_connections=300" >/dev/null; then
      echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (attempt $attempt)"
      export KTU_BENCH_POSTGRES_CS="Host=127.0.0.1;Port=$port;Username=ktu;Password=$password"
      return 0
    fi
  done
  echo "PostgreSQL did not start" >&2
  exit 1
}

if [ "$POSTGRES" = "1" ]; then
  start_postgres
else
  unset KTU_BENCH_POSTGRES_CS
fi
# The harness's thread pool does not spin while it waits for work: on 2 cores every spin is CPU taken from the app
# under test. The app and the baseline server are started without this setting (AppProcess removes it).
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet bench/Ktu.Bench/bin/Release/net10.0/Ktu.Bench.dll ${ARGS[@]+"${ARGS[@]}"}
