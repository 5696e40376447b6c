#!/usr/bin/env bash
# Builds KTU, applies migrations, loads reference and demo data (idempotent) and starts the app
# on the embedded SQLite database in ./data/ktu.db. Override the address with KTU_URL.
#
#   ./run.sh           the demo (demo users, demo password, migrates at start)
#   ./run.sh migrate   production: applies the migrations and reference data with the settings in the
#                      environment (docs/operations.md), shuts demo accounts when demo mode is off, and exits
#   ./run.sh create-admin EMAIL   production: the first administrator, with the settings in the environment
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
url="${KTU_URL:-http://localhost:5080}"
password="${KTU_DEMO_PASSWORD:-Demo-2025!}"

command -v dotnet >/dev/null || { echo "Fant ikke .NET SDK (dotnet). Installer .NET 10 SDK først." >&2; exit 1; }
command -v npm >/dev/null || { echo "Fant ikke npm (Node.js). Installer Node.js først." >&2; exit 1; }

mkdir -p "$root/data"
echo "Bygger KTU ..."
dotnet build "$root/src/Ktu.Web/Ktu.Web.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly

if [ "${1:-}" = migrate ]; then
  # No demo settings here: the caller's environment is the production configuration.
  export ConnectionStrings__Sqlite="${ConnectionStrings__Sqlite:-Data Source=$root/data/ktu.db}"
  cd "$root/src/Ktu.Web"
  exec dotnet run -c Release --no-build --no-launch-profile -- migrate
fi

# ./run.sh create-admin EMAIL: makes the first administrator on the database of the settings in the environment (as
# migrate: no demo settings, which would open the demo accounts on a production database), prints a one-time link to
# choose the password (24 hours, one use) and exits without starting the web server. Refuses an e-mail address already in use.
if [ "${1:-}" = create-admin ]; then
  export ConnectionStrings__Sqlite="${ConnectionStrings__Sqlite:-Data Source=$root/data/ktu.db}"
  export App__PublicUrl="${App__PublicUrl:-$url}"
  cd "$root/src/Ktu.Web"
  exec dotnet run -c Release --no-build --no-launch-profile -- create-admin "${2:-}"
fi

export Demo__Enabled=true
# This host serves only the demo, whose users share a published password: production mode allows that only when told so.
export Demo__AllowInProduction=true
# Ten Trøndelag municipalities have submitted applications, so the case officer's inbox is not empty.
export Demo__SampleApplications="${Demo__SampleApplications:-true}"
# This year is decided and paid, and its report window is open today, so a report can be written at once.
export Demo__ReportYear="${Demo__ReportYear:-true}"
# The demo serves plain http on this machine; production runs on https with Secure-only cookies.
export Security__AllowHttp="${Security__AllowHttp:-true}"
export KTU_DEMO_PASSWORD="$password"
export Database__Provider="${Database__Provider:-Sqlite}"
export ConnectionStrings__Sqlite="${ConnectionStrings__Sqlite:-Data Source=$root/data/ktu.db}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"

cat <<TXT

KTU – Kompetanse- og tjenesteutviklingstilskudd
Adresse:   $url
Database:  $root/data/ktu.db (SQLite)

Demobrukere (passord for alle: $password)
  soker.5001@demo.ktu               søker for Trondheim kommune
  soker.<kommunenummer>@demo.ktu    søker for hver av de 357 kommunene
  tilgangsstyrer.5001@demo.ktu      søker og tilgangsstyrer i Trondheim kommune (gir og tar kollegers tilgang)
  saksbehandler.trondelag@demo.ktu  saksbehandler hos Statsforvalteren i Trøndelag
  leder.trondelag@demo.ktu          leder (godkjenner) hos Statsforvalteren i Trøndelag
  saksbehandler2.trondelag@demo.ktu / leder2.trondelag@demo.ktu   en saksbehandler og en leder til
  saksbehandler.<embete>@demo.ktu / leder.<embete>@demo.ktu for alle ti embeter
                                    (ostfold-buskerud-oslo-og-akershus, innlandet, vestfold-og-telemark,
                                     agder, rogaland, vestland, more-og-romsdal, trondelag, nordland,
                                     troms-og-finnmark)
  direktorat@demo.ktu               Helsedirektoratet
  admin@demo.ktu                    administrator
API-dokumentasjon: $url/scalar   OpenAPI: $url/openapi/v1.json

Stopp med Ctrl+C.
TXT

cd "$root/src/Ktu.Web"
exec dotnet run -c Release --no-build --no-launch-profile -- --urls "$url"
