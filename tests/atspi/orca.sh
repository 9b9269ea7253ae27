#!/usr/bin/env bash
# Runs the app with Orca under Xvfb on their own session bus (needs orca, xvfb, xdotool,
# at-spi2-core, x11-utils). Usage: orca.sh BIN LANG (speech_check.py's EXPECT_* in the environment).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec dbus-run-session -- bash "$here/orca_session.sh" "$1" "$2" "$here"
