#!/usr/bin/env bash
# Set pressreader up, then read the bundled sample press release aloud (no network needed).
#
# With a sound device, it reads aloud and the keys control it (h lists them, q quits).
# Without one (a server, a container, CI), it saves the speech as a WAV file and says where.
# Either way it also saves the large-print reader view as a web page and says where.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "pressreader demo: reading the bundled sample release (Warwickshire PCC, 22 March 2018)."
mkdir -p demo-output
.venv/bin/python examples/read_aloud.py --save-html --out-dir demo-output "$@"
