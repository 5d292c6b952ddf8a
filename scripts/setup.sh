#!/usr/bin/env bash
# Set up pressreader on a fresh Debian/Ubuntu machine: system packages, then a
# virtual environment in .venv with pressreader installed in it.
#   scripts/setup.sh          what reading aloud needs (espeak-ng, aplay)
#   scripts/setup.sh --test   also what the test suite needs (Chromium, EPUBCheck, sox)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(espeak-ng libespeak-ng1 alsa-utils)
extras="."
if [ "${1:-}" = "--test" ]; then
    packages+=(chromium sox epubcheck)
    extras=".[test,bench]"
fi
if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
    packages+=(python3-venv)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "pressreader setup: installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e "$extras"
