#!/usr/bin/env bash
# Inside orca.sh's own session bus: Xvfb, the AT-SPI bus, Orca, the app on the IIN step, and
# speech_check.py typing into it and reading Orca's log.
set -euo pipefail
bin=$1 lang=$2 here=$3
work=$(mktemp -d)
. "$here/buses.sh"
app= orca= spi= xvfb=
# (A speech-dispatcher Orca may start for the session goes with it.)
trap 'kill $app $orca $spi $xvfb 2>/dev/null || true; pkill -f "$work/" || true; rm -rf "$work"' EXIT
start_xvfb 600
# Its own runtime and cache folders, not those of another run.
export XDG_RUNTIME_DIR=$work/runtime XDG_CACHE_HOME=$work/cache
mkdir -m 700 "$XDG_RUNTIME_DIR" "$XDG_CACHE_HOME"
start_atspi
log=$work/orca.log
/usr/bin/python3 "$here/orca_launch.py" "$log" "$work/prefs" >"$work/orca.out" 2>&1 &
orca=$!
# Orca is listening once it says so in its log (slow to start on a busy machine).
ready="ORCA: Startup complete"
for _ in $(seq 300); do grep -q "$ready" "$log" 2>/dev/null && break; sleep 0.2; done
if ! grep -q "$ready" "$log" 2>/dev/null; then
  echo "Orca did not start:" >&2; tail -n 20 "$work/orca.out" >&2; tail -n 30 "$log" >&2; exit 1
fi
"$bin" --lang "$lang" --data-dir "$work/data" --camera synthetic --screen iin >"$work/app.log" 2>&1 &
app=$!
status=0
/usr/bin/python3 "$here/speech_check.py" "$log" || status=$?
if [ $status -ne 0 ]; then
  tail -n 20 "$work/app.log" >&2
  tail -n 5 "$work/orca.out" >&2
  # ORCA_KEEP_LOG=FILE keeps Orca's whole debug log for a look at what it received.
  [ -n "${ORCA_KEEP_LOG:-}" ] && cp "$log" "$ORCA_KEEP_LOG"
fi
exit $status
