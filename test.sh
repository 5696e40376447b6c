#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run). On a fresh Debian machine with only the .NET SDK
# and Node.js it installs what the tests need, builds once, and runs:
#   dotnet format check, the OpenAPI lint (Redocly), unit tests, integration tests on SQLite, browser tests (Debian's Chromium),
#   the crash-durability harness (10 SIGKILL cycles of the real app; ./soak.sh runs 200),
#   and the integration tests again on a throw-away PostgreSQL cluster.
# It ends with one line "N passed, N failed, N skipped" summed over all runs, and exits non-zero
# if anything failed. Works from any directory. CI=true turns build warnings into errors.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="$ROOT/TestResults"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export KTU_CHROMIUM="${KTU_CHROMIUM:-/usr/bin/chromium}"

START=$SECONDS
FAILED_STEPS=()
TRX_FILES=()

say() { printf '\n==> %s (%ss)\n' "$*" "$((SECONDS - START))"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ---------------------------------------------------------------------------------------------
# 1. System packages the tests need: Debian's Chromium (+ a font) and a PostgreSQL server.
# ---------------------------------------------------------------------------------------------
postgres_bin() {
  local dir
  dir="$(find /usr/lib/postgresql -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; fi
}

install_missing_packages() {
  local missing=()
  [ -x "$KTU_CHROMIUM" ] || missing+=(chromium)
  if ! dpkg-query -W -f='${Status}' fonts-dejavu-core 2>/dev/null | grep -q 'install ok installed'; then
    missing+=(fonts-dejavu-core)
  fi
  [ -n "$(postgres_bin)" ] || missing+=(postgresql)
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "chromium, fonts-dejavu-core and postgresql are present"
    return
  fi
  if ! command -v apt-get >/dev/null; then
    echo "Missing packages (${missing[*]}) and no apt-get to install them." >&2
    exit 1
  fi
  say "Installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------
# 2. A throw-away PostgreSQL cluster: temp dir, 127.0.0.1 on a free port, removed on exit.
#    postgres refuses to run as root, so as root the cluster belongs to the 'postgres' OS user.
# ---------------------------------------------------------------------------------------------
PG_DIR=""
PG_BIN=""
PG_OS_USER=""

as_pg() {
  if [ -n "$PG_OS_USER" ]; then
    (cd "$PG_DIR" && runuser -u "$PG_OS_USER" -- "$@")
  else
    (cd "$PG_DIR" && "$@")
  fi
}

stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    if [ -f "$PG_DIR/data/postmaster.pid" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$PG_DIR"
  fi
  PG_DIR=""
}
trap stop_postgres EXIT
trap 'exit 130' INT TERM

port_is_free() {
  # A refused connection means nobody listens there.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_postgres() {
  PG_BIN="$(postgres_bin)"
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/ktu-pg.XXXXXX")"
  if [ "$(id -u)" -eq 0 ]; then
    PG_OS_USER=postgres
    if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
    fi
    chown "$PG_OS_USER" "$PG_DIR"
  fi
  chmod 700 "$PG_DIR"
  PG_PASSWORD="ktu-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/pwfile"
  [ -z "$PG_OS_USER" ] || chown "$PG_OS_USER" "$PG_DIR/pwfile"

  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U ktu --pwfile="$PG_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }

  local attempt port
  for attempt in $(seq 1 20); do
    port=$((20000 + RANDOM % 40000))
    port_is_free "$port" || continue
    # fsync off: the cluster lives for one test run, durability buys nothing here.
    if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      >/dev/null; then
      PG_PORT=$port
      echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
      return 0
    fi
    echo "PostgreSQL did not start on port $port (attempt $attempt); trying another" >&2
    tail -n 5 "$PG_DIR/server.log" >&2 || true
  done
  return 1
}

# ---------------------------------------------------------------------------------------------
# 3. Test runs: each writes a TRX file; the counts are summed at the end.
# ---------------------------------------------------------------------------------------------
run_tests() {
  local name="$1" project="$2"
  say "Tests: $name"
  local trx="$RESULTS/$name.trx"
  if dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" \
    --blame-hang-timeout 10m --blame-hang-dump-type none; then
    :
  else
    FAILED_STEPS+=("$name")
  fi
  TRX_FILES+=("$trx")
}

counter() { # counter NAME "<Counters .../>"
  local v
  v="$(printf '%s' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || true)"
  echo "${v:-0}"
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
say "Checking system packages"
install_missing_packages

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

say "Building Ktu.slnx ($CONFIGURATION${CI:+, CI=$CI})"
dotnet build Ktu.slnx -c "$CONFIGURATION" --nologo

# Same .editorconfig as the build; fix locally with: dotnet format Ktu.slnx
say "dotnet format --verify-no-changes"
if ! dotnet format Ktu.slnx --verify-no-changes --no-restore; then
  echo "dotnet format found changes to make: run 'dotnet format Ktu.slnx' and commit the result." >&2
  FAILED_STEPS+=("dotnet-format")
fi

# The committed OpenAPI snapshot (kept equal to the served document by ApiDocsTests) under Redocly's recommended rules.
say "OpenAPI lint (Redocly CLI, recommended rules)"
if ! (cd tests/openapi-lint && npm ci --no-audit --no-fund --loglevel=error && npm run --silent lint); then
  echo "The OpenAPI document breaks a Redocly rule: see above." >&2
  FAILED_STEPS+=("openapi-lint")
fi

run_tests unit tests/Ktu.UnitTests/Ktu.UnitTests.csproj
run_tests integration-sqlite tests/Ktu.IntegrationTests/Ktu.IntegrationTests.csproj
run_tests browser tests/Ktu.BrowserTests/Ktu.BrowserTests.csproj
KTU_CRASH_CYCLES="${KTU_CRASH_CYCLES:-10}" run_tests crash tests/Ktu.CrashTests/Ktu.CrashTests.csproj

say "Starting a throw-away PostgreSQL cluster"
if start_postgres; then
  export KTU_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=ktu;Password=$PG_PASSWORD;Database=postgres"
  # pg_dump and pg_restore of the same version as the server, for the backup test (Backup/PostgresDumpTests).
  export KTU_PG_BIN="$PG_BIN"
  run_tests integration-postgres tests/Ktu.IntegrationTests/Ktu.IntegrationTests.csproj
  unset KTU_TEST_POSTGRES KTU_PG_BIN
  stop_postgres
else
  echo "Could not start PostgreSQL; the PostgreSQL run is counted as failed." >&2
  FAILED_STEPS+=("integration-postgres")
fi

# ---------------------------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------------------------
say "Summary"
passed=0 failed=0 skipped=0
for trx in "${TRX_FILES[@]}"; do
  name="$(basename "$trx" .trx)"
  if [ ! -f "$trx" ]; then
    echo "  $name: no results file"
    continue
  fi
  c="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(counter passed "$c")"
  f=$(($(counter failed "$c") + $(counter error "$c") + $(counter timeout "$c") + $(counter aborted "$c")))
  # xUnit's skipped tests count in "total" but not in "executed".
  s=$(($(counter total "$c") - $(counter executed "$c")))
  printf '  %-22s %4d passed, %d failed, %d skipped\n' "$name:" "$p" "$f" "$s"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

# A step that failed without a failed test (format check, crash, no results) still counts once.
for step in "${FAILED_STEPS[@]+"${FAILED_STEPS[@]}"}"; do
  trx="$RESULTS/$step.trx"
  if [ -f "$trx" ]; then
    c="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    f=$(($(counter failed "$c") + $(counter error "$c") + $(counter timeout "$c") + $(counter aborted "$c")))
    [ "$f" -eq 0 ] || continue
  fi
  echo "  $step: FAILED (counted as 1 failed)"
  failed=$((failed + 1))
done
echo "  total time: $((SECONDS - START))s"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
