#!/usr/bin/env bash
# Inside run.sh's own session bus: Xvfb, the AT-SPI bus, the app, check.py.
set -euo pipefail
bin=$1 lang=$2 check=$3 here=$4
shift 4
display=:$((400 + RANDOM % 200))
Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
launcher=/usr/libexec/at-spi-bus-launcher
[ -x "$launcher" ] || launcher=/usr/lib/at-spi2-core/at-spi-bus-launcher
"$launcher" --launch-immediately >/dev/null 2>&1 &
spi=$!
app=
trap 'kill $app $spi $xvfb 2>/dev/null || true' EXIT
sleep 1
# Tell applications a screen reader is on (Orca does the same).
dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus \
  org.freedesktop.DBus.Properties.Set string:org.a11y.Status string:IsEnabled \
  variant:boolean:true >/dev/null
data=$(mktemp -d)
DISPLAY=$display "$bin" --lang "$lang" --data-dir "$data" --camera synthetic "$@" >"$data/app.log" 2>&1 &
app=$!
export DISPLAY=$display
status=0
/usr/bin/python3 "$here/check.py" "$check" || status=$?
[ $status -ne 0 ] && tail -20 "$data/app.log" >&2
exit $status
