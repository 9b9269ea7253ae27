# Sourced by session.sh and orca_session.sh, inside their own session bus: starts Xvfb and the
# AT-SPI bus and waits until each answers (a fixed sleep was too short on a busy machine: the
# check then failed with "Couldn't connect to accessibility bus"). Sets DISPLAY, xvfb, spi.
# The caller gives each run its own XDG_RUNTIME_DIR: without one the AT-SPI bus's socket is
# ~/.cache/at-spi/bus, the same for every run, and two runs at once took each other's bus.

start_xvfb() {
  local display=:$((${1:-400} + RANDOM % 200))
  Xvfb "$display" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=$display
  for _ in $(seq 150); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "Xvfb did not start on $display" >&2
  return 1
}

start_atspi() {
  local launcher=/usr/libexec/at-spi-bus-launcher address
  [ -x "$launcher" ] || launcher=/usr/lib/at-spi2-core/at-spi-bus-launcher
  "$launcher" --launch-immediately >/dev/null 2>&1 &
  spi=$!
  for _ in $(seq 150); do
    address=$(dbus-send --session --dest=org.a11y.Bus --print-reply=literal /org/a11y/bus \
      org.a11y.Bus.GetAddress 2>/dev/null | tr -d ' ') || address=
    if [ -n "$address" ] && dbus-send --bus="$address" --dest=org.freedesktop.DBus \
      --print-reply /org/freedesktop/DBus org.freedesktop.DBus.ListNames >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  echo "the AT-SPI bus did not start" >&2
  return 1
}
