#!/usr/bin/env bash
# Runs the benchmark harness (bench/Ktu.Bench) against a Release build of KTU. --quick for a short run.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/Ktu.Web/Ktu.Web.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/Ktu.Bench/Ktu.Bench.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/Ktu.Bench/bin/Release/net10.0/Ktu.Bench.dll "$@"
