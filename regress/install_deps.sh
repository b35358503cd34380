#!/usr/bin/env bash
# Installs the Debian packages Vellum needs, only when some are missing.
set -euo pipefail

packages=(
  postgresql-15 postgresql-server-dev-15   # server, PGXS, pg_regress, pg_isolation_regress
  g++ make cmake pkg-config curl
  libgtest-dev libbenchmark-dev            # GoogleTest suites, benchmarks
  libboost-dev libhiredis-dev rapidjson-dev libpq-dev redis-server   # the gateway
  chromium fonts-liberation                # browser tests (driven by playwright-core, never downloaded)
  clang libclang-rt-14-dev                 # the libFuzzer targets (regress/fuzz), with ASan and UBSan
)

# Node.js runs the integration and browser test drivers; the machine image
# ships one (20.x), and Debian's is the fallback.
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
