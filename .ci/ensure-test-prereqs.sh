#!/usr/bin/env bash
# Ensures the Debian packages needed by the test suite are installed:
#   redis-server, memcached (adapter integration tests), chromium + chromium-driver (server UI tests),
#   maven (only if no mvn on PATH).
# As root: installs what is missing (apt-get update only when something is missing).
# Not root: prints the exact command to run and exits 1.
set -euo pipefail

missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

command -v redis-server >/dev/null 2>&1 || have_pkg redis-server || missing+=(redis-server)
command -v memcached   >/dev/null 2>&1 || have_pkg memcached   || missing+=(memcached)
{ command -v chromium >/dev/null 2>&1 && have_pkg chromium; } || missing+=(chromium)
{ command -v chromedriver >/dev/null 2>&1 && have_pkg chromium-driver; } || missing+=(chromium-driver)
command -v mvn >/dev/null 2>&1 || missing+=(maven)

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "ERROR: missing test prerequisites: ${missing[*]}" >&2
  echo "       Run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi

echo "Installing missing test prerequisites: ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
