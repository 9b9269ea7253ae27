"""Reads Qoltanba's accessibility tree through AT-SPI (as Orca does) and checks it.

Usage: check.py iin | video. The expected texts come in the environment (EXPECT_*), in the
app's language, from tests/atspi.rs. Keys are typed with xdotool into the real window.
"""
import os
import subprocess
import sys
import time

import pyatspi


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    for i in range(node.childCount):
        yield from walk(node.getChildAtIndex(i), depth + 1)


def text_of(node):
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except NotImplementedError:
        return ""
    except Exception:
        return ""


def window():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        for node in walk(app):
            if node.getRole() in (pyatspi.ROLE_WINDOW, pyatspi.ROLE_FRAME) and "Qoltanba" in (node.name or ""):
                return node
    return None


def wait_for(what, check, seconds=20.0):
    end = time.time() + seconds
    while time.time() < end:
        try:
            w = window()
            found = check(w) if w is not None else None
        except Exception:  # a node went away while it was read: the window changed
            found = None
        if found:
            return found
        time.sleep(0.3)
    dump = []
    w = window()
    if w is not None:
        for n in walk(w):
            dump.append(f"{n.getRoleName()} name={n.name!r} text={text_of(n)!r}")
    print(f"NOT FOUND: {what}\n  " + "\n  ".join(dump), file=sys.stderr)
    sys.exit(1)


def find(role, name=None, text=None):
    def check(w):
        for n in walk(w):
            if n.getRole() != role:
                continue
            if name is not None and (n.name or "") != name:
                continue
            if text is not None and text not in (text_of(n), n.name or ""):
                continue
            return n
        return None
    return check


def enabled(node):
    return node.getState().contains(pyatspi.STATE_ENABLED)


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def focus_window():
    """Gives the app's X window the keyboard (no window manager runs under Xvfb)."""
    for _ in range(50):
        ids = subprocess.run(["xdotool", "search", "--name", "Qoltanba"], capture_output=True,
                             text=True).stdout.split()
        if ids:
            xdotool("windowfocus", ids[0])
            # The first key after focusing is not always delivered: a harmless one first.
            time.sleep(0.5)
            xdotool("key", "shift")
            time.sleep(0.3)
            return
        time.sleep(0.2)
    print("the app's window never appeared to X", file=sys.stderr)
    sys.exit(1)


def check_iin():
    label = os.environ["EXPECT_IIN_LABEL"]
    entry = wait_for(f"the IIN field labelled {label!r}", find(pyatspi.ROLE_ENTRY, name=label))
    print(f"field: {entry.getRoleName()} {entry.name!r}")
    nxt = os.environ["EXPECT_NEXT"]
    button = wait_for("Next", find(pyatspi.ROLE_PUSH_BUTTON, name=nxt))
    assert not enabled(button), "Next is enabled before an IIN is typed"
    print("Next: disabled")
    if os.environ.get("WRONG_IIN"):
        message = os.environ["EXPECT_CHECKSUM"]
        type_until(os.environ["WRONG_IIN"], f"the checksum message {message!r}",
                   find(pyatspi.ROLE_LABEL, text=message))
        print(f"message: {message!r}")
        return

    def next_enabled(w):
        b = find(pyatspi.ROLE_PUSH_BUTTON, name=nxt)(w)
        return b if b is not None and enabled(b) else None
    type_until(os.environ["GOOD_IIN"], "Next enabled", next_enabled)
    print("Next: enabled")


def type_until(value, what, check):
    """Types `value` into the empty, focused field and waits until `check` holds."""
    focus_window()
    xdotool("type", "--delay", "80", value)
    wait_for(what, check, seconds=10)


def a11y_bus():
    out = subprocess.run(["dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply",
                          "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                         capture_output=True, text=True, check=True).stdout
    return out.split('"')[1]


def announcements():
    """Listens for AT-SPI Announcement signals (what newer screen readers say for a live
    region; Debian 12's Orca 43 does not listen to them yet)."""
    return subprocess.Popen(
        ["dbus-monitor", "--address", a11y_bus(),
         "type='signal',interface='org.a11y.atspi.Event.Object',member='Announcement'"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def check_video():
    start = os.environ["EXPECT_START"]
    monitor = announcements()
    def start_enabled(w):
        b = find(pyatspi.ROLE_PUSH_BUTTON, name=start)(w)
        return b if b is not None and enabled(b) else None
    # Enabled once the camera runs. The screen reader presses it (AccessKit's Click), not the
    # keyboard. While the tree still changes (the camera starting) a node found a moment ago
    # may have been replaced and offers no action: it is found again.
    def pressed(w):
        b = start_enabled(w)
        if b is None:
            return None
        try:
            b.queryAction().doAction(0)
        except (NotImplementedError, RuntimeError):
            return None
        return b
    wait_for(f"the {start!r} button, enabled, pressed", pressed)
    prompts = os.environ["EXPECT_PROMPTS"].split("\n")
    # The current prompt is said as it is (the list of what will be asked has bullets). The
    # tree is flat under the window, so its children are read quickly: a prompt lasts a few
    # seconds.
    end = time.time() + 30
    while time.time() < end:
        try:
            w = window()
            for i in range(w.childCount if w is not None else 0):
                child = w.getChildAtIndex(i)
                if child.getRole() == pyatspi.ROLE_LABEL and child.name in prompts:
                    print(f"prompt: {child.name!r}")
                    check_announced(monitor, prompts)
                    return
        except Exception:  # a node went away while it was read: the window changed
            pass
        time.sleep(0.1)
    print(f"NOT FOUND: a current prompt of {prompts!r}", file=sys.stderr)
    sys.exit(1)


def check_announced(monitor, prompts):
    """A prompt went out as a polite announcement (the live region's change)."""
    time.sleep(1)
    monitor.terminate()
    heard = monitor.communicate(timeout=5)[0]
    said = [p for p in prompts if f'"{p}"' in heard]
    if not said:
        print(f"NOT ANNOUNCED: none of {prompts!r}; the bus carried:\n{heard[-2000:]}",
              file=sys.stderr)
        sys.exit(1)
    print(f"announced: {said[0]!r}")


{"iin": check_iin, "video": check_video}[sys.argv[1]]()
print("ok")
