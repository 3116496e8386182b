#!/usr/bin/env bash
# Runs every test: unit (Core, Storage, CLI), component (bUnit) and end-to-end (Playwright + Debian chromium).
# Installs what the tests need when it is missing. Prints one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  echo "== installing Debian chromium for the browser tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "could not install chromium"; exit 1; }
fi

# The InterpretML interoperability tests run the peer (../shared/peers/interpret-core) with Debian's Python.
if ! /usr/bin/python3 -c "import sklearn, pandas" >/dev/null 2>&1; then
  echo "== installing Debian python3-sklearn and python3-pandas for the InterpretML interoperability tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-sklearn python3-pandas >/dev/null \
    || { echo "could not install python3-sklearn python3-pandas"; exit 1; }
fi

# The cohorts-from-SQL tests (issue 16) query a real PostgreSQL server started below from Debian's package.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing Debian postgresql for the cohorts-from-SQL tests"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null \
    || { echo "could not install postgresql"; exit 1; }
fi

if [ -f .config/dotnet-tools.json ] || [ -f dotnet-tools.json ]; then dotnet tool restore >/dev/null; fi

echo "== build"
dotnet build ClinicalGAM.sln -c Release -nologo -v q 2>&1 | grep -E "error|Build succeeded|Time Elapsed" | head -40
if [ "${PIPESTATUS[0]}" -ne 0 ]; then echo "0 passed, 1 failed, 0 skipped"; exit 1; fi

# A throwaway server on a free loopback port (data directory and socket under /tmp), stopped and deleted on exit;
# it exports CLINICALGAM_TEST_POSTGRES for the tests.
source tests/postgres-server.sh
trap postgres_stop EXIT
postgres_start || { echo "could not start the PostgreSQL test server"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

results="$(pwd)/TestResults"
rm -rf "$results"; mkdir -p "$results"
status=0
for proj in tests/*/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  dotnet test "$proj" -c Release --no-build -nologo --filter "Category!=Benchmark" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
done

# The engine's kernels pick one vector width at start (AVX-512, AVX2, SSE4/NEON or none): run the modelling tests
# again with each wider unit switched off, so that every path is exercised on this machine. On .NET 10 it is
# DOTNET_EnableAVX512=0 that turns AVX-512 off (DOTNET_EnableAVX512F=0 alone no longer does); both are set.
modelling() { # $1 = trx name suffix, rest = environment
  local suffix=$1; shift
  echo "== ClinicalGAM.Core.Tests, modelling with $*"
  env "$@" dotnet test tests/ClinicalGAM.Core.Tests/ClinicalGAM.Core.Tests.csproj -c Release --no-build -nologo \
    --filter "FullyQualifiedName~ClinicalGAM.Core.Tests.Modeling&Category!=Benchmark" \
    --logger "trx;LogFileName=ClinicalGAM.Core.Tests.$suffix.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=1
}
modelling NoAvx512 DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0
modelling Vector128Only DOTNET_EnableAVX512=0 DOTNET_EnableAVX512F=0 DOTNET_EnableAVX2=0
modelling Scalar DOTNET_EnableHWIntrinsic=0

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed); p=$(get passed); f=$(get failed)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${total:-0} - ${executed:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
