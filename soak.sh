#!/usr/bin/env bash
# Soak mode: the long version of the crash-durability harness (tests/Ktu.CrashTests). It starts the real
# app (Release Ktu.Web.dll on a SQLite file, demo data on), lets applicants in six municipalities save and
# submit over HTTP, kills the process with SIGKILL at a random moment, checks the database file and starts
# the app again: KTU_SOAK_CYCLES times (default 200). ./test.sh runs the same harness with 10 cycles.
# After each kill it checks the whole file, each application against its last acknowledged save, the submits
# acknowledged since the last kill and a random sample of 50 older ones; at the end every submit once more, so
# a cycle costs about the same at cycle 1 and at cycle 500. A connection that dies in any way leaves its
# write unacknowledged; a 401 to a token no longer fresh (they last an hour) means logging in again (counted).
#   KTU_SOAK_CYCLES=500 ./soak.sh      more cycles
#   KTU_CRASH_SEED=1234 ./soak.sh      repeat the kill moments of an earlier run (the seed is printed)
# Ends with the harness's SUMMARY line (cycles, writes acknowledged and checked, re-logins, problems); the
# TRX file is in TestResults/soak.trx, progress (one line per cycle, as it happens) in
# TestResults/soak-progress.log.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export KTU_CRASH_CYCLES="${KTU_SOAK_CYCLES:-200}"
export KTU_CRASH_LOG="${KTU_CRASH_LOG:-$ROOT/TestResults/soak-progress.log}"

mkdir -p "$ROOT/TestResults"
rm -f "$KTU_CRASH_LOG"
dotnet build tests/Ktu.CrashTests/Ktu.CrashTests.csproj -c Release --nologo
echo "==> Crash durability soak: $KTU_CRASH_CYCLES SIGKILL cycles"
status=0
dotnet test tests/Ktu.CrashTests/Ktu.CrashTests.csproj -c Release --no-build --nologo \
  --logger "trx;LogFileName=soak.trx" --logger "console;verbosity=detailed" --results-directory "$ROOT/TestResults" \
  | tee "$ROOT/TestResults/soak.log" || status=$?
grep -h "SUMMARY:" "$ROOT/TestResults/soak.log" || true
exit "$status"
