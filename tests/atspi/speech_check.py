"""Drives Qoltanba with the keyboard while Orca runs, and checks what Orca says.

Usage: speech_check.py LOG. The app is already started by orca_session.sh on --screen iin; Orca's log
is LOG. Expected words come in the environment (EXPECT_*), in the app's language, from
tests/orca.rs.
"""
import os
import subprocess
import sys
import time


def said(log):
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            return [line.split("SPEECH OUTPUT: ", 1)[1].strip()
                    for line in f if "SPEECH OUTPUT: " in line]
    except FileNotFoundError:
        return []


def wait_said(log, what, words, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        for line in said(log):
            if all(w in line for w in words):
                return line
        time.sleep(0.3)
    print(f"Orca never said {what} ({words!r}); it said:", file=sys.stderr)
    for line in said(log):
        print("  " + line, file=sys.stderr)
    sys.exit(1)


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def focus_window():
    for _ in range(150):
        ids = subprocess.run(["xdotool", "search", "--name", "Qoltanba"], capture_output=True,
                             text=True).stdout.split()
        # Found before it is mapped, the window cannot take the focus yet: try again.
        if ids and subprocess.run(["xdotool", "windowfocus", ids[0]]).returncode == 0:
            time.sleep(0.5)
            xdotool("key", "shift")
            return
        time.sleep(0.2)
    print("the app's window never appeared to X", file=sys.stderr)
    sys.exit(1)


def main():
    log = sys.argv[1]
    env = os.environ
    focus_window()
    # The step opens with the IIN field focused: Orca names the window (with the step) and
    # the field by its label.
    wait_said(log, "the window with the step's title", [env["EXPECT_STEP"]])
    wait_said(log, "the IIN field by its label", [env["EXPECT_IIN_LABEL"]])
    # The number, then Tab past Back: Orca names each button, Next too (enabled now).
    xdotool("type", "--delay", "120", env["GOOD_IIN"])
    xdotool("key", "Tab")
    wait_said(log, "the Back button", [env["EXPECT_BACK"], "button"])
    xdotool("key", "Tab")
    wait_said(log, "the Next button", [env["EXPECT_NEXT"], "button"])
    # Enter on it: the next step, and its field, are announced.
    xdotool("key", "Return")
    wait_said(log, "the next step", [env["EXPECT_NEXT_STEP"]])
    print("ok")
    for line in said(log):
        print("  said: " + line)


main()
