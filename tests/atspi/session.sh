#!/usr/bin/env bash
# Inside run.sh's own session bus: Xvfb, the AT-SPI bus, the app, check.py.
set -euo pipefail
bin=$1 lang=$2 check=$3 here=$4
shift 4
. "$here/buses.sh"
xvfb= spi= app=
runtime=$(mktemp -d)
trap 'kill $app $spi $xvfb 2>/dev/null || true; rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR=$runtime
start_xvfb 400
start_atspi
# Tell applications a screen reader is on (Orca does the same).
dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
  org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled \
  variant:boolean:true >/dev/null
data=$(mktemp -d)
"$bin" --lang "$lang" --data-dir "$data" --camera synthetic "$@" >"$data/app.log" 2>&1 &
app=$!
status=0
/usr/bin/python3 "$here/check.py" "$check" || status=$?
[ $status -ne 0 ] && tail -20 "$data/app.log" >&2
exit $status
