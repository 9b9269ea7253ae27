#!/usr/bin/env bash
# Runs the app under Xvfb with its own session bus and AT-SPI bus, and check.py against it.
# Usage: run.sh BIN LANG CHECK [app args...]  (check.py's EXPECT_* in the environment)
set -euo pipefail
bin=$1 lang=$2 check=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
exec dbus-run-session -- bash "$here/session.sh" "$bin" "$lang" "$check" "$here" "$@"
