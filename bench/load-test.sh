#!/usr/bin/env bash
# Load test of `dlp serve` on 127.0.0.1: single-row predictions on breast-cancer-logistic from 64 connections for
# SECONDS (default 30, at most 60), with version 2 trained and promoted mid-run. Builds dlp and the generator in Release.
# Usage: bench/load-test.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Host/DeepLearning.Host.csproj -c Release -nologo -v q >/dev/null
dotnet build bench/LoadTest/LoadTest.csproj -c Release -nologo -v q >/dev/null
dotnet bench/LoadTest/bin/Release/net10.0/linux-x64/LoadTest.dll \
  --dlp src/Host/bin/Release/net10.0/linux-x64/dlp.dll --repo "$PWD" --seconds "${1:-30}" --connections "${2:-64}"
