#!/bin/sh
# A bare X session for Qoltanba kiosks where Wayland (cage) is not an option: no window
# manager, no desktop, nothing else to click. Start it from the kiosk user's ~/.xinitrc or as
# `xinit /usr/local/share/qoltanba/kiosk-xsession.sh -- :0 vt1 -nocursor -novtswitch`, with
# packaging/linux/10-qoltanba-kiosk.conf in /etc/X11/xorg.conf.d/ (DontVTSwitch, DontZap).
# Without a window manager Qoltanba covers the screen itself (it moves and resizes its window
# to the monitor's size).
xset s off -dpms            # no screen saver, no blanking: the idle reset handles privacy
# No server keys: Ctrl+Alt+Fn (VT switch) and Ctrl+Alt+Backspace (zap) do nothing.
setxkbmap -option '' -option srvrkeys:none
while :; do
  /usr/local/bin/qoltanba --kiosk
  status=$?
  # 0: the operator left kiosk mode; 78: not configured (no operator code). Stop in both.
  [ "$status" -eq 0 ] || [ "$status" -eq 78 ] && exit "$status"
  sleep 2
done
