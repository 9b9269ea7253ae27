"""Starts Debian's Orca (the screen reader itself, not a stand-in) with its debug log going to
a file, as `orca --debug-file FILE -u PREFS` does, minus the launcher's check for another Orca
of the same user (each test has its own session bus, so several may run on one machine).

Usage: orca_launch.py LOG PREFS_DIR. What Orca would say is in LOG as `SPEECH OUTPUT: '…'`
lines: Orca writes them with its speech turned off too, which is how it runs here.
"""
import sys

from orca import debug

debug.debugLevel = debug.LEVEL_ALL
debug.eventDebugLevel = debug.LEVEL_OFF
debug.debugFile = open(sys.argv[1], "w", buffering=1)

from orca import orca, settings  # noqa: E402  (after the log is set up, as Orca's launcher)

# Orca kills itself when one event takes over 10 s; a test machine building in parallel can be
# that slow without anything being wrong with the app.
settings.timeoutTime = 60
manager = orca.getSettingsManager()
# As `orca --disable speech --disable braille`: no voice is needed for the log, and a
# speech-dispatcher without a sound card can block Orca in the middle of an utterance.
manager.activate(sys.argv[2], {"enableSpeech": False, "enableBraille": False})
sys.exit(orca.main())
